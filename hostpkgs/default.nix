# `import <this folder> { system = …; }` — the same interface as `import nixpkgs { … }`.
args: import ./hostpkgs.nix args
