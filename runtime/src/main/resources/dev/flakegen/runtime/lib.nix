# The resource library of a flakegen resource flake (generator/README.md has the contract;
# runtime/README.md that of the programs it packages).
let
  # The runtime's bash programs by name (scripts.nix, generated from runtime/'s .sh files), as
  # the programs carry them: without comment lines and blank lines (compact). Outside the
  # function, so that every call shares them: Nix imports this file once per evaluation, and a
  # generated flake calls the function once per distinct set of resources its inits use.
  scripts = builtins.mapAttrs (_: compact) (import ./scripts.nix);
  # text without its lines that hold nothing or only a comment, but ShellCheck's directives
  # (writeShellApplication checks the text with ShellCheck). bash reads every line of what it
  # runs, a comment too: a cache hit reads the prelude, lib/core.sh and setup-hit.sh, whose
  # comments are about a tenth of its work (runtime/README.md, "Performance"). No runtime text
  # has such a line inside a string or a here-document (runtime's CompactTest checks that bash
  # parses each text the same either way).
  compact =
    text:
    builtins.concatStringsSep "" (
      map (line: line + "\n") (
        builtins.filter (
          line:
          builtins.isString line
          && (
            builtins.match "[ \t]*(#.*)?" line == null
            || builtins.match "[ \t]*# shellcheck .*" line != null
          )
        ) (builtins.split "\n" text)
      )
    );
in
/**
  The library a resource flake is made of: `import ./lib.nix { … }` with the packages and
  settings below returns `{ implementation, check, script, procfile, services, release-listener,
  resolve-listener, redis }`. A generated `flake.nix` calls it once per distinct set of resources
  its inits use (`libraries` there); a hand-written flake may call it the same way.

  Every argument goes into the hashed description of each resource (packages by their store
  paths, functions and the package set `pkgs` as null: they are hashed through what is built of
  them), so changing one makes new resources.

  # Inputs

  Packages, with nixpkgs' interfaces (hostpkgs offers the same offline): `buildFHSUserEnv`
  (only its result's `fhsenv`, the root file system, is used), `coreutils`, `findutils`, `flock`,
  `jq`, `makeBinPath`, `makeWrapper`, `mkDerivation` (`stdenv.mkDerivation`), `nix`, `ps`,
  `redis`, `writeShellApplication`, `yq-go`, and the package set `pkgs`.

  `channel`
  : the Redis channel events are published on (default `"resource"`)

  `failure`
  : null, or the failure program (a package with `bin/failure`) a resource's setup calls when
    it fails; by default the runtime's own, which exits with the status it is given

  `originator-pid-variable`
  : the environment variable that carries the originator's PID into inits (a name bash and the
    runtime give no meaning to)

  `resources`
  : the resources inits may set up (see below)

  `resources-directory`, `store-garbage-collection-root`
  : the folders of the resources and of their Nix GC roots (absolute, or starting with `~/`)

  `sequential-start`
  : the first value of the global counter (`sequential`)

  `string`, `visitor`
  : free values that only enter the description (e.g. to tell two libraries apart)

  # Example

  ```nix
  lib = import ./lib.nix {
    inherit (pkgs) coreutils findutils flock jq nix ps redis writeShellApplication yq-go;
    inherit (pkgs) buildFHSUserEnv makeWrapper;
    inherit (pkgs.lib) makeBinPath;
    inherit (pkgs.stdenv) mkDerivation;
    inherit pkgs;
    originator-pid-variable = "HELLO_ORIGINATOR_PID";
    resources-directory = "~/resources";
    store-garbage-collection-root = "~/.gc-roots";
  };
  ```
*/
{
  buildFHSUserEnv,
  channel ? "resource",
  coreutils,
  failure ? null,
  findutils,
  flock,
  jq,
  makeBinPath,
  makeWrapper,
  mkDerivation,
  nix,
  originator-pid-variable,
  # The package set an init receives as `pkgs` (the flake's nixpkgs); also gives bubblewrap.
  pkgs,
  ps,
  redis,
  # The resources inits may set up (resources.KEY { failure, setup }), under any keys: the
  # generated flake.nix passes its own under their names and its inputs' under INPUT/NAME. A
  # value is what implementation returns, or anything that keeps the contract of an offered
  # resource (generator/README.md, "Resources of other flakes").
  resources ? { },
  resources-directory,
  sequential-start ? 0,
  store-garbage-collection-root,
  string ? null,
  visitor ? null,
  writeShellApplication,
  yq-go,
}:
let
  # A refused argument of the library: the evaluation stops with the parameter and the rule.
  reject = parameter: rule: throw "flakegen lib: ${parameter}: ${rule}";
  # Whether value is a string that pattern (a POSIX extended regular expression) matches whole.
  matches = pattern: value: builtins.isString value && builtins.match pattern value != null;
  folderRule = "must be an absolute path or start with ~/";
  # Environment variables bash or the runtime gives a meaning to: none may carry the
  # originator's PID (BASH_ENV would make init's bash source a file; PATH would break setup).
  reservedNames = [
    "BASH_ENV"
    "CDPATH"
    "COLUMNS"
    "COPROC"
    "DIRSTACK"
    "ENV"
    "EPOCHREALTIME"
    "EPOCHSECONDS"
    "EUID"
    "EXECIGNORE"
    "FIGNORE"
    "FLAKEGEN_ITEM"
    "FUNCNAME"
    "FUNCNEST"
    "GCONV_PATH"
    "GLOBIGNORE"
    "GLOBSORT"
    "GROUPS"
    "HOME"
    "HOSTALIASES"
    "HOSTNAME"
    "IFS"
    "IGNOREEOF"
    "INPUTRC"
    "LANG"
    "LANGUAGE"
    "LINENO"
    "LINES"
    "LOCALDOMAIN"
    "LOCPATH"
    "MAIL"
    "MAILCHECK"
    "MAILPATH"
    "MAPFILE"
    "NLSPATH"
    "OLDPWD"
    "OPTARG"
    "OPTERR"
    "OPTIND"
    "PATH"
    "PIPESTATUS"
    "POSIXLY_CORRECT"
    "PPID"
    "PROMPT_COMMAND"
    "PROMPT_DIRTRIM"
    "PS0"
    "PS1"
    "PS2"
    "PS3"
    "PS4"
    "PWD"
    "RANDOM"
    "REPLY"
    "RES_OPTIONS"
    "SECONDS"
    "SHELL"
    "SHELLOPTS"
    "SHLVL"
    "SRANDOM"
    "TERM"
    "TEXTDOMAIN"
    "TEXTDOMAINDIR"
    "TIMEFORMAT"
    "TMOUT"
    "TMPDIR"
    "TZ"
    "UID"
    "_"
  ];
  reservedPrefixes = [
    "BASH"
    "COMP_"
    "GLIBC_"
    "HIST"
    "JQ_"
    "LC_"
    "LD_"
    "MALLOC_"
    "NIX_"
    "READLINE_"
    "REDISCLI_"
    "RESOLUTION_"
    "RESOURCE"
  ];
  # Whether name is reserved: one of reservedNames or starting with one of reservedPrefixes.
  reserved =
    name:
    builtins.elem name reservedNames
    || builtins.any
      (prefix: builtins.substring 0 (builtins.stringLength prefix) name == prefix)
      reservedPrefixes;
  # true when every setting keeps its rule, else the first refusal (asserted by the result).
  validated =
    if !matches ".+" channel then
      reject "channel" "must be a non-empty string"
    else if !(builtins.isInt sequential-start && sequential-start >= 0) then
      reject "sequential-start" "must be a non-negative integer"
    else if !matches "[A-Z_][A-Z0-9_]*" originator-pid-variable then
      reject
        "originator-pid-variable"
        "must be an environment variable name of capitals, digits and _ ([A-Z_][A-Z0-9_]*)"
    else if reserved originator-pid-variable then
      reject
        "originator-pid-variable"
        "${builtins.toJSON originator-pid-variable} is a name bash or the runtime gives a meaning to (not ${
          builtins.concatStringsSep ", " reservedNames
        }, nor starting with ${builtins.concatStringsSep ", " reservedPrefixes})"
    else if !matches "(/|~/).*" resources-directory then
      reject "resources-directory" folderRule
    else if !matches "(/|~/).*" store-garbage-collection-root then
      reject "store-garbage-collection-root" folderRule
    else
      true;
  # A value as the description holds it: functions (and functors) as null, derivations and paths
  # as their store paths, strings without their context; sets and lists element by element.
  # builtins.toJSON of it is the hashed text (runtime/README.md, "The description").
  canonical =
    value:
    if builtins.isFunction value then
      null
    else if builtins.isAttrs value then
      if value ? __functor then
        null
      else if value ? outPath then
        builtins.unsafeDiscardStringContext (toString value)
      else
        builtins.mapAttrs (name: canonical) value
    else if builtins.isList value then
      map canonical value
    else if builtins.isString value then
      builtins.unsafeDiscardStringContext value
    else if builtins.isPath value then
      builtins.unsafeDiscardStringContext "${value}"
    else
      value;
  # The library's part of every resource's description: all its arguments.
  libDescription = {
    inherit
      buildFHSUserEnv
      channel
      coreutils
      failure
      findutils
      flock
      jq
      makeBinPath
      makeWrapper
      mkDerivation
      nix
      originator-pid-variable
      ps
      redis
      resources
      resources-directory
      sequential-start
      store-garbage-collection-root
      string
      visitor
      writeShellApplication
      yq-go
      ;
    # A package set, like a function, is hashed through what is made of it: each init's program
    # and the environment it runs in (see initProgram).
    pkgs = null;
  };
  # What the runtime programs find on their PATH (writeShellApplication's runtimeInputs).
  runtimeInputs = [ coreutils findutils flock jq nix redis ];
  # The failure program: the given one, or the runtime's (failure.sh).
  failureProgram =
    if failure == null then
      writeShellApplication {
        name = "failure";
        runtimeInputs = [ coreutils ];
        text = scripts.failure;
      }
    else
      failure;
  failurePath = "${failureProgram}/bin/failure";
  # The settings every runtime program receives, as shell variables (see prelude).
  settings = {
    RESOURCES_DIRECTORY = resources-directory;
    RESOURCE_CHANNEL = channel;
    RESOURCE_ORIGINATOR_PID_VARIABLE = originator-pid-variable;
    RESOURCE_SEQUENTIAL_START = toString sequential-start;
    RESOURCE_GC_ROOT = store-garbage-collection-root;
    RESOURCE_FAILURE = failurePath;
  };
  # text as one shell word that bash reads as exactly text and nothing else: an ANSI-C quoted
  # string ($'…') in which each character bash or ShellCheck would make something of (a
  # backslash, a quote, $, `, ~) is a hexadecimal escape, so that nothing in it expands and
  # ShellCheck sees plain text (single quotes would draw SC2016 for a $, SC2088 for ~/ and
  # SC2089 for a quote). A setting costs one assignment: no here-document, which bash reads from
  # a pipe a byte per system call.
  ansiC =
    text:
    "$'"
    + builtins.replaceStrings
      [ "\\" "'" "\"" "$" "`" "~" ]
      [ "\\x5c" "\\x27" "\\x22" "\\x24" "\\x60" "\\x7e" ]
      text
    + "'";
  # Values that need no quoting in bash: written as they are (the common case); anything else
  # as an ANSI-C quoted string (ansiC).
  plain = matches "[A-Za-z0-9/._+:@%,=-]*";
  plainItem = matches "[A-Za-z0-9/._+:@%,-]+";
  # The shell text that sets name to value, a string or a list (a bash array).
  assignment =
    name: value:
    if builtins.isList value then
      "${name}=()\n"
      + builtins.concatStringsSep "" (
        map (item: "${name}+=(${if plainItem item then item else ansiC item})\n") value
      )
    else
      "${name}=${if plain value then value else ansiC value}\n";
  # The start of a runtime program: the assignments of values (an attribute set of strings and
  # lists), so that no value is ever parsed as shell code, then one export of the strings (bash
  # cannot export an array): one command, not one a value, on the way to every cache hit.
  prelude =
    values:
    let
      strings = builtins.filter (name: !builtins.isList values.${name}) (builtins.attrNames values);
    in
    builtins.concatStringsSep "" (builtins.attrValues (builtins.mapAttrs assignment values))
    + (if strings == [ ] then "" else "export ${builtins.concatStringsSep " " strings}\n");
  # The runtime program name (setup, sequential, root, wrap, publish) with the settings and
  # environment, after lib/core.sh and lib/common.sh (wrap needs neither). setup reads its fast
  # cache hit (setup-hit.sh) between the two, before bash has parsed the rest of it, and only the
  # values the hit reads come before it (hitValues): bash parses each assignment it reads, and a
  # hit never reads the others, which follow it.
  program =
    name: environment:
    let
      values = settings // environment;
    in
    writeShellApplication {
      inherit name runtimeInputs;
      text =
        if name == "setup" then
          prelude (builtins.intersectAttrs hitValues values)
          + scripts.core
          + scripts.setup-hit
          + prelude (builtins.removeAttrs values (builtins.attrNames hitValues))
          + scripts.common
          + scripts.setup
        else
          prelude values + (if name == "wrap" then "" else scripts.core + scripts.common) + scripts.${name};
    };
  # The values setup-hit.sh reads (as names of an attribute set, for intersectAttrs).
  hitValues = {
    RESOURCES_DIRECTORY = null;
    RESOURCE_CHANNEL = null;
    RESOURCE_GC_ROOT = null;
    RESOURCE_ORIGINATOR_PID_VARIABLE = null;
    RESOURCE_PLAIN_HASH = null;
    RESOURCE_TRANSIENT = null;
  };
  # A program of the lifecycle (the listeners and resolve), after lib/core.sh, lib/common.sh and
  # lib/lifecycle.sh; named resource-NAME.
  lifecycleProgram =
    name: environment:
    writeShellApplication {
      name = "resource-${name}";
      runtimeInputs = runtimeInputs ++ [ yq-go ];
      text =
        prelude (settings // environment)
        + scripts.core
        + scripts.common
        + scripts.lifecycle
        + scripts.${name};
    };
  # text as one single-quoted shell word.
  quote = text: "'${builtins.replaceStrings [ "'" ] [ "'\\''" ] text}'";
  # A release or resolution command (shell text) as a program of its own, resource-command.
  commandProgram =
    text:
    writeShellApplication {
      name = "resource-command";
      runtimeInputs = [ coreutils findutils ];
      inherit text;
    };
  # The resolution name of case (init or release): resolve, told what to run (nothing for null).
  resolutionProgram =
    case: name: command:
    lifecycleProgram "resolve" {
      RESOLUTION_CASE = case;
      RESOLUTION_NAME = name;
      RESOLUTION_COMMAND =
        if command == null then "" else "${commandProgram command}/bin/resource-command";
    };
  # The build step that links a resolution into the lifecycle folder (resolutions/CASE/NAME).
  resolutionLink =
    case: name: command:
    let
      resolve = "${resolutionProgram case name command}/bin/resource-resolve";
    in
    "ln -s ${resolve} \"$out/resolutions/${case}/\"${quote name}\n";
  resolutionLinks = case: resolutions: builtins.concatStringsSep "" (builtins.attrValues (
    builtins.mapAttrs (resolutionLink case) resolutions
  ));
  # The build step that links the release command (none for null) into the lifecycle folder.
  releaseLink =
    release:
    if release == null then
      ""
    else
      "ln -s ${commandProgram release}/bin/resource-command \"$out/release\"\n";
  # A resource's lifecycle folder: release, and one program per resolution, with the defaults
  # every resource has (accept after a failed init, finish after a failed release). Setup records
  # its path; the listeners run what it holds (runtime/README.md, "Lifecycle").
  lifecyclePrograms =
    {
      release,
      init-resolutions,
      release-resolutions,
    }:
    mkDerivation {
      name = "resource-lifecycle";
      dontUnpack = true;
      buildCommand =
        ''
          mkdir -p "$out/resolutions/init" "$out/resolutions/release"
        ''
        + releaseLink release
        + resolutionLinks "init" ({ accept = null; } // init-resolutions)
        + resolutionLinks "release" ({ finish = null; } // release-resolutions);
    };
  # The lifecycle of a resource that declares none; the resolve listener falls back to it.
  defaultLifecycle = lifecyclePrograms {
    release = null;
    init-resolutions = { };
    release-resolutions = { };
  };
  # The listeners (runtime/README.md, "release-listener", "resolve-listener") and the user's bus.
  releaseListener = lifecycleProgram "release-listener" { };
  resolveListener = lifecycleProgram "resolve-listener" {
    RESOURCE_DEFAULT_LIFECYCLE = "${defaultLifecycle}";
  };
  redisProgram = writeShellApplication {
    name = "resource-redis";
    runtimeInputs = [ coreutils redis ];
    text = prelude settings + scripts.core + scripts.common + scripts.redis;
  };
  # The services a user runs beside the resources (Redis, both listeners), for foreman.
  procfile = mkDerivation {
    name = "Procfile";
    dontUnpack = true;
    text = ''
      redis: exec ${redisProgram}/bin/resource-redis
      release: exec ${releaseListener}/bin/resource-release-listener
      resolve: exec ${resolveListener}/bin/resource-resolve-listener
    '';
    passAsFile = [ "text" ];
    buildCommand = ''cp "$textPath" "$out"'';
  };
  /**
    The services as one program: `foreman start` with the procfile, in the current folder.

    # Inputs

    `foreman`
    : a foreman package (nixpkgs' `foreman`; hostpkgs offers one)
  */
  services =
    { foreman }:
    writeShellApplication {
      name = "resource-services";
      runtimeInputs = [ foreman ];
      text = ''exec foreman start --procfile ${procfile} --root "$PWD" "$@"'';
    };
  # The programs an init receives (root, sequential, wrap) and the publisher.
  sequentialProgram = program "sequential" { };
  rootProgram = program "root" { };
  wrapProgram = program "wrap" { };
  publishProgram = program "publish" { };
  # The one FHS environment of this library (issue 18): every init runs in its root file system,
  # `passthru.fhsenv` of a buildFHSEnv result (nixpkgs' and hostpkgs' alike), which setup hands to
  # bubblewrap itself (setup.sh, setup_init_command); the environment's own launcher is never
  # built. Its packages are buildFHSEnv's base system (targetPkgs is empty): an init names any
  # other package by its store path (`${pkgs.gnupg}/bin/gpg`).
  environment =
    (buildFHSUserEnv {
      name = "resource-init";
      targetPkgs = _: [ ];
    }).fhsenv;
  bwrap = "${pkgs.bubblewrap}/bin/bwrap";
  # The init as applied: a program whose text names the environment it runs in (so the program's
  # store path, which the description holds, changes with any package of the environment), the
  # inits of the resources it may set up (see dependencyNote), and every store path the init uses.
  initProgram =
    init:
    writeShellApplication {
      name = "resource-init";
      text =
        "# runs in the FHS environment ${environment}\n"
        + dependencyNote
        + init {
          pid = null;
          inherit pkgs resources;
          root = "${rootProgram}/bin/root";
          sequential = "${sequentialProgram}/bin/sequential";
          wrap = "${wrapProgram}/bin/wrap";
        };
    };
  # The init launchers of the given resources (an offered resource not made by flakegen may
  # have none): an init that uses them names them, so they are realised with it.
  dependencyLaunchers = builtins.concatMap launchersOf (builtins.attrValues (
    if builtins.isAttrs resources then resources else { }
  ));
  dependencyNote = builtins.concatStringsSep "" (
    map
      (program: "# realised with this init, for the resources it sets up: ${program}\n")
      dependencyLaunchers
  );
  # A release, a resolution or a check's fixture that sets resources up, as an init does: the
  # function is applied to this library's resources, and its text starts with a comment naming
  # their launchers, so that the program running it realises them (the setup paths in the text
  # are the resources' own). A release's or resolution's text is hashed: changing a resource it
  # uses makes a new description.
  #
  # Type: script :: ({ resources } -> String) -> String
  script =
    text:
    dependencyNote + text { resources = if builtins.isAttrs resources then resources else { }; };
  # The init programs an offered resource says it needs realised (flakegen-init-launchers).
  launchersOf =
    value:
    if builtins.isAttrs value && value ? flakegen-init-launchers then
      value.flakegen-init-launchers
    else
      [ ];
  /**
    A resource: what setup builds, caches and announces, and how scripts use it.

    # Inputs

    `init`
    : null, or a function `{ pid, pkgs, resources, root, sequential, wrap }: "<shell text>"`
      that makes the resource's targets in `/mount` (its folder), run in the library's FHS
      environment by bubblewrap; `resources.KEY { … }` sets up another resource there

    `seed`
    : any value that only enters the description (two resources otherwise equal differ by it)

    `targets`
    : the names init must make in `/mount` (and nothing else)

    `transient`
    : true for a resource made anew on every setup (never cached)

    `release`, `init-resolutions`, `release-resolutions`
    : shell text run when the resource is released, and the named resolutions offered after a
      failed init or release (null for the default)

    # Output

    A functor set: `resource { failure ? …, setup ? setup: setup }` is shell text that runs setup
    (wrapped by the given function, e.g. to add arguments or input) in a command substitution and
    falls back to the failure program (an integer: its status; a string: shell text);
    `setup` (the package), `init` (the init program or null), `environment`,
    `description` (the hashed JSON text) and `description-hash`.

    # Example

    ```nix
    hello = lib.implementation {
      name = "hello";
      init = { pkgs, ... }: "${pkgs.coreutils}/bin/echo hello > /mount/greeting";
      targets = [ "greeting" ];
    };
    # in any script: GREETING_DIR=${hello { failure = 3; }}
    ```
  */
  implementation =
    {
      # the resource's name: its setup is the derivation NAME-setup (not part of the hash)
      name ? null,
      init ? null,
      seed ? null,
      targets ? [ ],
      transient ? false,
      # Whether events carry init's standard input and output in full; by default only their
      # sizes and SHA-256 digests (runtime/README.md, "Events"). In the description only when
      # true, so that the hashes of resources that leave it out stay as they were.
      publish-streams ? false,
      release ? null,
      init-resolutions ? { },
      release-resolutions ? { },
    }:
    let
      # The resource's part of its description: the init as applied (its program's store path),
      # the other arguments as given (publish-streams only when true).
      implementationDescription = {
        init = appliedInit;
        inherit seed targets transient release init-resolutions release-resolutions;
      }
      // (if publish-streams == true then { publish-streams = true; } else { });
      description = builtins.toJSON (canonical {
        lib = libDescription;
        implementation = implementationDescription;
      });
      description-hash = builtins.hashString "sha512" description;
      appliedInit =
        if init == null then
          null
        else if builtins.isFunction init then
          initProgram init
        else
          throw
            "flakegen implementation: init must be null or a function { pid, pkgs, resources, root, sequential, wrap }: \"<shell text>\"";
      # A file name: not empty, no /, not . or .. (targets and resolutions are files).
      isName = name: matches "[^/]+" name && name != "." && name != "..";
      badTarget = builtins.filter (target: !isName target) targets;
      badResolution =
        resolutions:
        builtins.filter
          (name: !isName name || !(resolutions.${name} == null || builtins.isString resolutions.${name}))
          (builtins.attrNames resolutions);
      # The resource's setup: the setup program with what it needs to know of this resource.
      setupProgram = program "setup" {
        RESOURCE_DESCRIPTION_HASH = description-hash;
        RESOURCE_PLAIN_HASH =
          if transient then "" else builtins.hashString "sha512" "${description-hash}\npersistent\n0\n";
        RESOURCE_DESCRIPTION_FILE = builtins.toFile "resource-description.json" description;
        RESOURCE_TRANSIENT = if transient then "1" else "";
        # "1": setup's events carry init's standard input and output (publish-streams).
        RESOURCE_PUBLISH_STREAMS = if publish-streams == true then "1" else "";
        RESOURCE_TARGETS = targets;
        RESOURCE_RELEASE = if release == null then "" else release;
        RESOURCE_LIFECYCLE =
          "${lifecyclePrograms { inherit release init-resolutions release-resolutions; }}";
        RESOURCE_INIT =
          if appliedInit == null then
            ""
          else
            builtins.unsafeDiscardStringContext "${appliedInit}/bin/resource-init";
        RESOURCE_INIT_DERIVATION =
          if appliedInit == null then "" else builtins.unsafeDiscardOutputDependency appliedInit.drvPath;
        # Realised with the init (its text names it), so not a dependency of setup.
        RESOURCE_INIT_ENVIRONMENT =
          if appliedInit == null then "" else builtins.unsafeDiscardStringContext "${environment}";
        RESOURCE_BWRAP = if appliedInit == null then "" else bwrap;
      };
      # setupProgram once every argument keeps its rule (named NAME-setup when name is given).
      checkedSetup =
        if !builtins.isList targets then
          throw "flakegen implementation: targets must be a list of names"
        else if badTarget != [ ] then
          throw
            "flakegen implementation: targets: ${
              builtins.toJSON (builtins.head badTarget)
            } is not a name (it must be a non-empty string without /, and not . or ..)"
        else if !builtins.isBool transient then
          throw "flakegen implementation: transient must be a boolean"
        else if !builtins.isBool publish-streams then
          throw "flakegen implementation: publish-streams must be a boolean"
        else if !(release == null || builtins.isString release) then
          throw "flakegen implementation: release must be null or a string"
        else if !(builtins.isAttrs init-resolutions && builtins.isAttrs release-resolutions) then
          throw
            "flakegen implementation: init-resolutions and release-resolutions must be attribute sets of shell commands"
        else if badResolution init-resolutions ++ badResolution release-resolutions != [ ] then
          throw
            "flakegen implementation: resolution ${
              builtins.toJSON (builtins.head (
                badResolution init-resolutions ++ badResolution release-resolutions
              ))
            }: its name must be a file name (not empty, no /, not . or ..) and its value null or a string of shell text"
        else if name == null then
          setupProgram
        else if !(builtins.isString name && isName name) then
          throw "flakegen implementation: name ${builtins.toJSON name} is not a name (it must be a non-empty string without /, and not . or ..)"
        else
          # the same program under the resource's name, so that a store path says whose it is
          mkDerivation {
            name = "${name}-setup";
            meta.mainProgram = "setup";
            dontUnpack = true;
            buildCommand = ''
              mkdir -p "$out/bin"
              cp ${setupProgram}/bin/setup "$out/bin/setup"
            '';
          };
      # What runs when setup fails: the failure program with a status, or the given shell text.
      invocation =
        failure:
        if builtins.isInt failure then
          "${failurePath} ${toString failure}"
        else if builtins.isString failure then
          "{\n${failure}\n}"
        else
          throw "flakegen resource: failure must be an integer or a string, not a ${builtins.typeOf failure}";
    in
    {
      __functor =
        self:
        {
          failure ? "${failurePath} resource-${builtins.substring 0 16 description-hash}",
          setup ? setup: setup,
        }:
        ''"$( ${setup "${checkedSetup}/bin/setup"} )" || ${invocation failure}'';
      setup = checkedSetup;
      init = appliedInit;
      # The root file system init runs in (one for every init of this library), or null.
      environment = if appliedInit == null then null else environment;
      inherit description description-hash;
      flakegen-init-launchers =
        (if appliedInit == null then [ ] else [ appliedInit ]) ++ dependencyLaunchers;
    };
  # The keys of an event a check may expect (expected-KEY), those only a check's setup run has,
  # and the event types of a lifecycle.
  eventKeys = [
    "type"
    "hash"
    "index"
    "provenance"
    "originator-pid"
    "arguments"
    "has-standard-input"
    "standard-input"
    "standard-output"
    "standard-error"
    "status"
    "targets"
    "transient"
    "description"
    "path"
    "release"
  ];
  setupKeys = [ "setup-exit-status" "setup-standard-output" "setup-standard-error" ];
  eventTypes = [ "valid" "stale" "invalid-init" "released" "invalid-release" "resolved" ];
  /**
    A check derivation: builds when a resource, set up in the Nix build's sandbox with a private
    Redis, behaves as expected. The arguments of `implementation` define the resource; the
    others say how to set it up and what to expect.

    # Inputs

    `diffutils`
    : a diffutils package (the runner shows differences with it)

    `name`
    : the derivation's name (default `resource-check`)

    `arguments`, `standard-input`, `fixture`
    : setup's arguments, its standard input (null: none) and shell text run before it

    `expected-KEY`
    : the value the event's KEY must have (see eventKeys; null: not checked), the setup's exit
      status and output, and `expected-lifecycle`, the event types that must follow (with
      `resolution`, the resolution to run on the way)

    The runner is runtime/'s check.sh (runtime/README.md, "check").
  */
  check =
    given@{
      diffutils,
      name ? null,
      arguments ? [ ],
      standard-input ? null,
      fixture ? null,
      init ? null,
      seed ? null,
      targets ? [ ],
      transient ? false,
      publish-streams ? false,
      release ? null,
      init-resolutions ? { },
      release-resolutions ? { },
      expected-type ? null,
      expected-hash ? null,
      expected-index ? null,
      expected-provenance ? null,
      expected-originator-pid ? null,
      expected-arguments ? null,
      expected-has-standard-input ? null,
      expected-standard-input ? null,
      expected-standard-output ? null,
      expected-standard-error ? null,
      expected-status ? null,
      expected-targets ? null,
      expected-transient ? null,
      expected-description ? null,
      expected-path ? null,
      expected-release ? null,
      expected-setup-exit-status ? null,
      expected-setup-standard-output ? null,
      expected-setup-standard-error ? null,
      expected-lifecycle ? null,
      resolution ? null,
    }:
    let
      resource = implementation {
        inherit
          init
          seed
          targets
          transient
          publish-streams
          release
          init-resolutions
          release-resolutions
          ;
      };
      # The expectations given (not null), by event key.
      expectations = builtins.listToAttrs (builtins.filter (expectation: expectation.value != null) (
        map
          (key: {
            name = key;
            value = given."expected-${key}" or null;
          })
          (eventKeys ++ setupKeys ++ [ "lifecycle" ])
      ));
      runner = writeShellApplication {
        name = "resource-check";
        runtimeInputs = [ coreutils diffutils findutils jq redis ];
        text = scripts.check;
      };
    in
    if !(builtins.isList arguments && builtins.all builtins.isString arguments) then
      throw "flakegen check: arguments must be a list of strings"
    else if !(standard-input == null || builtins.isString standard-input) then
      throw "flakegen check: standard-input must be null or a string"
    else if !(fixture == null || builtins.isString fixture) then
      throw "flakegen check: fixture must be null or a string of shell text"
    else if
      !(
        expected-lifecycle == null
        || builtins.isList expected-lifecycle
        && builtins.all (type: builtins.elem type eventTypes) expected-lifecycle
      )
    then
      throw
        "flakegen check: expected-lifecycle must be null or a list of event types (${
          builtins.concatStringsSep " " eventTypes
        })"
    else if !(resolution == null || matches ".+" resolution) then
      throw "flakegen check: resolution must be null or a non-empty string (the name of a resolution)"
    else if resolution != null && expected-lifecycle == null then
      throw
        "flakegen check: resolution needs expected-lifecycle (it is run while the check follows the lifecycle)"
    else
      mkDerivation {
        name = if name == null then "resource-check" else name;
        dontUnpack = true;
        buildCommand = ''"$checkRunner"'';
        checkRunner = "${runner}/bin/resource-check";
        resourceSetup = "${resource.setup}/bin/setup";
        resourceLaunchers = resource.flakegen-init-launchers;
        resourceChannel = channel;
        argumentsJson = builtins.toJSON arguments;
        hasStandardInput = standard-input != null;
        standardInput = if standard-input == null then "" else standard-input;
        fixture = if fixture == null then "" else fixture;
        expectationsJson = builtins.toJSON (canonical expectations);
        resourceReleaseListener =
          if expected-lifecycle == null then "" else "${releaseListener}/bin/resource-release-listener";
        resourceResolveListener =
          if expected-lifecycle == null then "" else "${resolveListener}/bin/resource-resolve-listener";
        resourceResolution = if resolution == null then "" else resolution;
        passAsFile = [ "argumentsJson" "standardInput" "fixture" "expectationsJson" ];
      };
in
# The library, once every setting keeps its rule.
assert validated;
{
  inherit implementation check script procfile services;
  release-listener = releaseListener;
  resolve-listener = resolveListener;
  redis = redisProgram;
}
