# flakegen's offline host package set.
#
# Offers the nixpkgs names and argument interfaces that flakegen's generated flakes use
# (writeShellApplication, buildFHSEnv/buildFHSUserEnv, stdenv.mkDerivation, makeWrapper,
# lib.makeBinPath, runCommand, writeText…, symlinkJoin, callPackage and the tools themselves),
# built entirely from the binaries Debian installed on this machine. No nixpkgs, no network.
# See README.md in this folder for usage, differences from nixpkgs and pitfalls.
#
# Three layers, all in one fixed point (so `targetPkgs = p: [ p.jq ]` receives this set):
#   L0  host packages: copies of host executables (`hostPackage`)
#   L1  a small stdenv (./stdenv/setup.sh) with nixpkgs' phase and hook conventions
#   L2  the build helpers, with nixpkgs' arguments
{
  system ? "x86_64-linux",
  # nixpkgs-style overlays (final: prev: { … }), applied in order.
  overlays ? [ ],
  # Host packages do not hash the host's binaries: change this to rebuild them (after an
  # `apt-get upgrade`, or to measure cold builds).
  hostSalt ? "1",
  # Accepted for compatibility with `import nixpkgs { … }`; `localSystem.system` wins over
  # `system`, the rest is ignored.
  localSystem ? null,
  config ? { },
  ...
}@topArgs:
let
  hostSystem =
    if localSystem == null then system
    else if builtins.isString localSystem then localSystem
    else localSystem.system or system;

  lib = import ./lib.nix { system = hostSystem; };
  inherit (lib) optionalString optionalAttrs optionals concatStringsSep concatMapStringsSep
    escapeShellArg escapeShellArgs mapAttrsToList makeBinPath;

  platform = {
    system = hostSystem;
    config = "${builtins.head (lib.splitString "-" hostSystem)}-unknown-linux-gnu";
    parsed = {
      cpu.name = builtins.head (lib.splitString "-" hostSystem);
      kernel.name = "linux";
    };
    isLinux = true;
    isDarwin = false;
    isx86_64 = hostSystem == "x86_64-linux";
    isAarch64 = hostSystem == "aarch64-linux";
    isx86 = hostSystem == "x86_64-linux";
    is64bit = true;
    isStatic = false;
    isMusl = false;
    libc = "glibc";
    canExecute = _: true;
    emulatorAvailable = _: true;
  };

  base = self:
    let
      inherit (self) bash coreutils;

      # ---- L0: host packages -------------------------------------------------------------------
      # `bins`: NAME or NAME=HOSTNAME entries, copied from /usr/bin /usr/sbin /bin /sbin;
      # `links`: NAME=TARGET symlinks inside $out/bin; `extraCommands`: shell run afterwards.
      hostPackage =
        { pname, bins ? [ pname ], links ? [ ], extraCommands ? "", mainProgram ? null,
          env ? { }, passthru ? { } }:
        let
          drv = derivation ({
            name = "${pname}-host";
            inherit pname bins links extraCommands hostSalt;
            version = "host";
            system = hostSystem;
            builder = "/bin/bash";
            args = [ ./host-package.sh ];
            preferLocalBuild = true;
            allowSubstitutes = false;
          } // env);
        in
        drv // {
          meta = {
            description = "${pname} as installed on this host (copied from Debian's binaries)";
            platforms = [ hostSystem ];
          } // optionalAttrs (mainProgram != null) { inherit mainProgram; };
          inherit passthru;
        } // passthru;

      # The tools every stdenv build finds on PATH (after its inputs).
      initialPath = with self; [
        coreutils findutils diffutils gnused gnugrep gawk gnutar gzip bzip2 xz gnumake bash
        gnupatch
      ];

      stdenvSetup = derivation {
        name = "hostpkgs-stdenv";
        system = hostSystem;
        builder = "${bash}/bin/bash";
        args = [ "-c" ''
          ${coreutils}/bin/mkdir "$out"
          {
            printf '# set by hostpkgs.nix\ninitialPath=%q\nshell=%q\n\n' "$initialPath" "$shell"
            ${coreutils}/bin/cat "$setupScript"
          } > "$out/setup"
        '' ];
        inherit initialPath;
        shell = "${bash}/bin/bash";
        setupScript = ./stdenv/setup.sh;
        preferLocalBuild = true;
        allowSubstitutes = false;
      };

      # ---- L1: stdenv.mkDerivation ---------------------------------------------------------------
      mkDerivationFromAttrs = overrideAttrs: attrs:
        let
          name = attrs.name or (
            if attrs ? version then "${attrs.pname}-${attrs.version}" else attrs.pname);
          doCheck = attrs.doCheck or false;
          doInstallCheck = attrs.doInstallCheck or false;
          env = attrs.env or { };
          overlapping = builtins.attrNames (builtins.intersectAttrs env attrs);
          drvAttrs =
            builtins.removeAttrs attrs [
              "meta" "passthru" "pos" "env" "checkInputs" "nativeCheckInputs"
              "installCheckInputs" "nativeInstallCheckInputs"
            ]
            // env
            // {
              inherit name;
              system = hostSystem;
              builder = attrs.builder or "${bash}/bin/bash";
              args = attrs.args or [ "-e" ./stdenv/default-builder.sh ];
              stdenv = stdenvSetup;
              nativeBuildInputs = attrs.nativeBuildInputs or [ ]
                ++ optionals doCheck (attrs.nativeCheckInputs or [ ])
                ++ optionals doInstallCheck (attrs.nativeInstallCheckInputs or [ ]);
              buildInputs = attrs.buildInputs or [ ]
                ++ optionals doCheck (attrs.checkInputs or [ ])
                ++ optionals doInstallCheck (attrs.installCheckInputs or [ ]);
              __ignoreNulls = true;
            };
          passthru = attrs.passthru or { };
          drv = lib.throwIf (overlapping != [ ])
            "mkDerivation ${name}: the `env` attribute set cannot contain attributes that are also passed to the derivation: ${concatStringsSep ", " overlapping}"
            (derivation drvAttrs);
        in
        drv // { meta = attrs.meta or { }; inherit passthru overrideAttrs; } // passthru;

      # `attrs` or `finalAttrs: attrs`; `overrideAttrs` takes `prev: {…}` or `final: prev: {…}`.
      makeDerivationExtensible = rattrs:
        let
          finalAttrs = rattrs (finalAttrs // { inherit finalPackage overrideAttrs; });
          finalPackage = mkDerivationFromAttrs overrideAttrs finalAttrs;
          overrideAttrs = f0:
            let
              f = final: prev:
                let result = f0 prev; in
                if builtins.isFunction result then f0 final prev else result;
            in
            makeDerivationExtensible (final: let prev = rattrs final; in prev // f final prev);
        in
        finalPackage;

      mkDerivation = fpargs:
        makeDerivationExtensible (if builtins.isFunction fpargs then fpargs else _: fpargs);

      # ---- L2: helpers ---------------------------------------------------------------------------
      runCommandWith =
        { name, stdenv ? self.stdenv, runLocal ? false, derivationArgs ? { } }:
        buildCommand:
        stdenv.mkDerivation ({
          enableParallelBuilding = true;
          inherit buildCommand name;
          passAsFile = [ "buildCommand" ] ++ (derivationArgs.passAsFile or [ ]);
        }
        // optionalAttrs runLocal { preferLocalBuild = true; allowSubstitutes = false; }
        // builtins.removeAttrs derivationArgs [ "passAsFile" ]);

      runCommand = name: env: runCommandWith { inherit name; derivationArgs = env; };
      runCommandLocal = name: env:
        runCommandWith { inherit name; runLocal = true; derivationArgs = env; };

      writeTextFile =
        { name, text, executable ? false, destination ? "", checkPhase ? "", meta ? { },
          passthru ? { }, allowSubstitutes ? false, preferLocalBuild ? true,
          derivationArgs ? { } }:
        assert lib.assertMsg (destination != "" -> (lib.hasPrefix "/" destination && destination != "/"))
          "destination must be an absolute path, relative to the derivation's out path, got '${destination}' instead. Ensure that the path starts with a / and specifies at least the filename.";
        let
          binName = builtins.match "/bin/([^/]+)" destination;
        in
        runCommand name ({
          inherit text executable checkPhase allowSubstitutes preferLocalBuild;
          passAsFile = [ "text" ] ++ (derivationArgs.passAsFile or [ ]);
          meta = optionalAttrs (executable && binName != null) { mainProgram = builtins.head binName; }
            // meta // (derivationArgs.meta or { });
          passthru = passthru // (derivationArgs.passthru or { });
        } // builtins.removeAttrs derivationArgs [ "passAsFile" "meta" "passthru" ]) ''
          target=$out${escapeShellArg destination}
          mkdir -p "$(dirname "$target")"
          if [ -e "$textPath" ]; then
            mv "$textPath" "$target"
          else
            printf '%s' "$text" > "$target"
          fi
          if [ -n "$executable" ]; then
            chmod +x "$target"
          fi
          eval "$checkPhase"
        '';

      writeShellScript = name: text: writeTextFile {
        inherit name;
        executable = true;
        text = "#!${self.runtimeShell}\n${text}";
        checkPhase = ''${self.stdenv.shellDryRun} "$target"'';
      };

      # The shellcheck command of writeShellApplication, for the script at `target` (shell text).
      shellcheckCommand = { excludeShellChecks, extraShellCheckFlags }: target:
        concatStringsSep " " ([ "${self.shellcheck-minimal}/bin/shellcheck" ]
          ++ optionals (excludeShellChecks != [ ])
            [ "--exclude" (concatStringsSep "," excludeShellChecks) ]
          ++ map escapeShellArg extraShellCheckFlags
          ++ [ target ]);

      # ---- buildFHSEnv -------------------------------------------------------------------------
      fhsBasePackages = with self; [
        bash coreutils less gawk diffutils findutils gnused gnugrep gnutar gzip bzip2 xz
      ];

      buildFHSEnv =
        {
          name ? null, pname ? null, version ? null,
          executableName ? (if pname != null then pname else name),
          targetPkgs ? (_: [ ]), multiPkgs ? (_: [ ]), multiArch ? false,
          runScript ? "bash", profile ? "",
          extraInstallCommands ? "", extraBuildCommands ? "", extraBuildCommandsMulti ? "",
          extraOutputsToInstall ? [ ], includeClosures ? false,
          extraPreBwrapCmds ? "", extraBwrapArgs ? [ ],
          unshareUser ? false, unshareIpc ? false, unsharePid ? false, unshareNet ? false,
          unshareUts ? false, unshareCgroup ? false,
          privateTmp ? false, chdirToPwd ? true, dieWithParent ? true,
          nativeBuildInputs ? [ ], meta ? { }, passthru ? { },
          ...
        }@args:
        let
          envName =
            if name != null then name
            else if pname != null then (if version != null then "${pname}-${version}" else pname)
            else throw "buildFHSEnv: give `name`, or `pname` and `version`";

          packages = map lib.getBin (builtins.filter (p: p != null)
            (fhsBasePackages ++ targetPkgs self ++ multiPkgs self));

          rootfs = runCommand "${envName}-fhsenv-rootfs" {
            inherit packages extraBuildCommands;
            profileText = ''
              # /etc/profile of the FHS environment ${envName} (hostpkgs buildFHSEnv)
              export PS1='${envName}-fhsenv:\u@\h:\w\$ '
              export TZDIR='/etc/zoneinfo'
              export PATH="/run/wrappers/bin:/usr/bin:/usr/sbin:$PATH"
              ${profile}
            '';
            passAsFile = [ "profileText" "extraBuildCommands" ];
          } ''
            mkdir -p "$out/usr/bin" "$out/usr/sbin" "$out/etc"
            # Later packages win, as in nixpkgs.
            for pkg in $packages; do
              for dir in bin sbin; do
                [[ -d $pkg/$dir ]] || continue
                for file in "$pkg/$dir"/*; do
                  [[ -e $file || -L $file ]] || continue
                  ln -sfn -- "$file" "$out/usr/$dir/''${file##*/}"
                done
              done
            done
            cp -- "$profileTextPath" "$out/etc/profile"
            cd "$out"
            source "$extraBuildCommandsPath"
          '';

          init = writeTextFile {
            name = "${envName}-init";
            executable = true;
            text = ''
              #!${self.runtimeShell}
              source /etc/profile
              exec ${runScript} "$@"
            '';
            checkPhase = ''${self.stdenv.shellDryRun} "$target"'';
          };

          bwrapFlags = optionals chdirToPwd [ ''--chdir "$(pwd)"'' ]
            ++ optionals unshareUser [ "--unshare-user" ]
            ++ optionals unshareIpc [ "--unshare-ipc" ]
            ++ optionals unsharePid [ "--unshare-pid" ]
            ++ optionals unshareNet [ "--unshare-net" ]
            ++ optionals unshareUts [ "--unshare-uts" ]
            ++ optionals unshareCgroup [ "--unshare-cgroup" ]
            ++ optionals dieWithParent [ "--die-with-parent" ];

          # The host /etc entries nixpkgs' launcher links into its /etc (its `etcBindEntries`), and
          # the loader's configuration: nixpkgs' environment has its own ld.so.conf and cache for its
          # glibc; here the "packages" are host binaries, so they are the host's.
          etcFromHost = [
            "static" "nix" "shells" "bashrc" "zshenv" "zshrc" "zinputrc" "zprofile" "passwd" "group"
            "shadow" "hosts" "resolv.conf" "nsswitch.conf" "profiles" "login.defs" "sudoers"
            "sudoers.d" "localtime" "zoneinfo" "machine-id" "os-release" "pam.d" "fonts" "alsa"
            "asound.conf" "ssl/certs" "ca-certificates" "pki" "dconf"
            "ld.so.conf" "ld.so.conf.d" "ld.so.cache"
          ];

          # The launcher. It is plain bash on purpose: everything it runs is a builtin or a store
          # path, because inside another FHS environment PATH only holds that environment's tools.
          launcher = writeTextFile {
            name = "${envName}-bwrap";
            executable = true;
            checkPhase = ''${self.stdenv.shellDryRun} "$target"'';
            text = ''
              #!${self.runtimeShell}
              # Launcher of the FHS environment ${envName} (hostpkgs buildFHSEnv): runs its init in a
              # bubblewrap sandbox that shows what nixpkgs' buildFHSEnv shows: the environment's
              # /usr (its bin and sbin; the host's library and data folders stand for its
              # libraries), a fresh /etc with the environment's files and a fixed list of host
              # entries, and every other top-level directory of the host.
              ${extraPreBwrapCmds}
              rootfs=${rootfs}
              # Started inside another such environment, the host's /etc is at /.host-etc.
              if [[ -d /.host-etc ]]; then host_etc=/.host-etc; else host_etc=/etc; fi
              cmd=(
                ${self.bubblewrap}/bin/bwrap
                --dev-bind /dev /dev
                --proc /proc
                ${concatStringsSep "\n  " bwrapFlags}
                --bind /nix /nix
                --tmpfs /usr
                --ro-bind "$rootfs/usr/bin" /usr/bin
                --ro-bind "$rootfs/usr/sbin" /usr/sbin
                --symlink usr/bin /bin
                --symlink usr/sbin /sbin
                --tmpfs /etc
                --ro-bind "$host_etc" /.host-etc
                --symlink /proc/mounts /etc/mtab
                ${optionalString privateTmp "--tmpfs /tmp"}
              )
              # The host's libraries and data (the copied host binaries load and read them).
              for entry in /usr/lib /usr/lib32 /usr/lib64 /usr/libx32 /usr/libexec /usr/share; do
                [[ ! -d $entry ]] || cmd+=(--ro-bind "$entry" "$entry")
              done
              for entry in /lib /lib32 /lib64 /libx32; do
                if [[ -L $entry ]]; then
                  cmd+=(--symlink "$(${coreutils}/bin/readlink "$entry")" "$entry")
                elif [[ -d $entry ]]; then
                  cmd+=(--ro-bind "$entry" "$entry")
                fi
              done
              cmd+=(--remount-ro /usr)
              # /etc: the environment's own files, then the listed host entries as links.
              declare -A own_etc=([mtab]=1)
              for entry in "$rootfs"/etc/*; do
                own_etc[''${entry##*/}]=1
                cmd+=(--ro-bind "$entry" "/etc/''${entry##*/}")
              done
              for entry in ${escapeShellArgs etcFromHost}; do
                if [[ -z ''${own_etc[$entry]-} && -e $host_etc/$entry ]]; then
                  cmd+=(--symlink "/.host-etc/$entry" "/etc/$entry")
                fi
              done
              # Every other top-level directory of the host, read-write.
              for entry in /*; do
                case ''${entry#/} in
                nix | dev | proc | etc | usr | bin | sbin | lib | lib32 | lib64 | libx32${optionalString privateTmp " | tmp"}) continue ;;
                esac
                [[ ! -d $entry ]] || cmd+=(--bind "$entry" "$entry")
              done
              cmd+=(
                ${concatStringsSep "\n  " extraBwrapArgs}
              )
              exec "''${cmd[@]}" ${init} "$@"
            '';
          };

          extraArgs = builtins.removeAttrs args [
            "name" "pname" "version" "executableName" "targetPkgs" "multiPkgs" "multiArch"
            "runScript" "profile" "extraInstallCommands" "extraBuildCommands"
            "extraBuildCommandsMulti" "extraOutputsToInstall" "includeClosures"
            "extraPreBwrapCmds" "extraBwrapArgs" "unshareUser" "unshareIpc" "unsharePid"
            "unshareNet" "unshareUts" "unshareCgroup" "privateTmp" "chdirToPwd" "dieWithParent"
            "nativeBuildInputs" "meta" "passthru"
          ];
        in
        runCommandLocal envName (extraArgs // {
          inherit nativeBuildInputs extraInstallCommands;
          passAsFile = [ "extraInstallCommands" ];
          meta = { mainProgram = executableName; } // meta;
          passthru = passthru // {
            inherit args;
            fhsenv = rootfs;
            # nixpkgs' `env` is an interactive environment for nix-shell; not offered here.
            env = runCommandLocal "${envName}-shell-env" { } ''
              echo "hostpkgs: buildFHSEnv's passthru.env (a nix-shell environment) is not supported" >&2
              exit 1
            '';
          };
        }) ''
          mkdir -p "$out/bin"
          ln -s ${launcher} "$out/bin/"${escapeShellArg executableName}
          source "$extraInstallCommandsPath"
        '';

      # ---- resholve (approximation: no resolution happens, see README.md) ---------------------
      resholve =
        let
          requireSolution = name: solution: required:
            let missing = builtins.filter (attr: !(solution ? ${attr})) required; in
            lib.throwIf (missing != [ ])
              "resholve solution '${name}' needs ${concatStringsSep ", " required} (missing: ${concatStringsSep ", " missing})"
              solution;
          inputsPath = solution: concatStringsSep ":" (map
            (input: if builtins.isString input then input else "${lib.getBin input}/bin")
            solution.inputs);
          # Shell text that rewrites the file named by the shell word `file`: shebang from
          # `interpreter` (none: no shebang), PATH from `inputs`, prologue and epilogue around it.
          rewrite = solution: file: ''
            (
              resholve_file=${file}
              resholve_tmp=$(mktemp)
              {
                ${optionalString (solution.interpreter != "none")
                  "printf '#!%s\\n' ${escapeShellArg solution.interpreter}"}
                printf 'export PATH=%s:"$PATH"\n' ${escapeShellArg (escapeShellArg (inputsPath solution))}
                ${optionalString (solution ? prologue) "cat ${solution.prologue}"}
                if [[ $(head -c 2 "$resholve_file") == '#!' ]]; then tail -n +2 "$resholve_file"; else cat "$resholve_file"; fi
                ${optionalString (solution ? epilogue) "cat ${solution.epilogue}"}
              } > "$resholve_tmp"
              chmod u+w "$resholve_file"
              cat "$resholve_tmp" > "$resholve_file"
              rm -f "$resholve_tmp"
            )
          '';
          phraseSolution = name: solution:
            let s = requireSolution name solution [ "scripts" "interpreter" "inputs" ]; in
            ''
              (
                cd "$out"
                ${lib.concatMapStrings (script: rewrite s (escapeShellArg script)) s.scripts}
              )
            '';
          writeWith = destination: name: solution: text:
            let s = requireSolution name solution [ "interpreter" "inputs" ]; in
            writeTextFile {
              inherit name text destination;
              executable = true;
              checkPhase = rewrite s ''"$target"'';
            };
        in
        {
          inherit phraseSolution;
          writeScript = writeWith "";
          writeScriptBin = name: writeWith "/bin/${name}" name;
          mkDerivation = { solutions, postResholve ? "", ... }@args:
            mkDerivation (builtins.removeAttrs args [ "solutions" "postResholve" ] // {
              preFixup = (args.preFixup or "")
                + lib.concatStrings (mapAttrsToList phraseSolution solutions);
              postFixup = (args.postFixup or "") + postResholve;
            });
        };
    in
    {
      inherit lib hostPackage config;
      pkgs = self;
      buildPackages = self;
      pkgsBuildHost = self;
      system = hostSystem;
      hostPlatform = platform;
      buildPlatform = platform;
      targetPlatform = platform;
      overlays = overlays;
      extend = overlay: import ./hostpkgs.nix (topArgs // { overlays = overlays ++ [ overlay ]; });
      appendOverlays = more: import ./hostpkgs.nix (topArgs // { overlays = overlays ++ more; });
      callPackage = lib.callPackageWith self;

      # ---- L0 --------------------------------------------------------------------------------
      bash = hostPackage {
        pname = "bash";
        links = [ "sh=bash" ];
        mainProgram = "bash";
        passthru.shellPath = "/bin/bash";
      };
      bashInteractive = self.bash;
      coreutils = hostPackage {
        pname = "coreutils";
        bins = [
          "[" "arch" "b2sum" "base32" "base64" "basename" "basenc" "cat" "chcon" "chgrp" "chmod"
          "chown" "chroot" "cksum" "comm" "cp" "csplit" "cut" "date" "dd" "df" "dir" "dircolors"
          "dirname" "du" "echo" "env" "expand" "expr" "factor" "false" "fmt" "fold" "groups"
          "head" "hostid" "id" "install" "join" "link" "ln" "logname" "ls" "md5sum" "mkdir"
          "mkfifo" "mknod" "mktemp" "mv" "nice" "nl" "nohup" "nproc" "numfmt" "od" "paste"
          "pathchk" "pinky" "pr" "printenv" "printf" "ptx" "pwd" "readlink" "realpath" "rm"
          "rmdir" "runcon" "seq" "sha1sum" "sha224sum" "sha256sum" "sha384sum" "sha512sum"
          "shred" "shuf" "sleep" "sort" "split" "stat" "stdbuf" "stty" "sum" "sync" "tac" "tail"
          "tee" "test" "timeout" "touch" "tr" "true" "truncate" "tsort" "tty" "uname" "unexpand"
          "uniq" "unlink" "users" "vdir" "wc" "who" "whoami" "yes"
        ];
      };
      findutils = hostPackage { pname = "findutils"; bins = [ "find" "xargs" ]; mainProgram = "find"; };
      diffutils = hostPackage {
        pname = "diffutils";
        bins = [ "cmp" "diff" "diff3" "sdiff" ];
        mainProgram = "diff";
      };
      gnugrep = hostPackage { pname = "gnugrep"; bins = [ "grep" "egrep" "fgrep" ]; mainProgram = "grep"; };
      gnused = hostPackage { pname = "gnused"; bins = [ "sed" ]; mainProgram = "sed"; };
      # There is no gawk on this host: mawk answers to awk (and gawk).
      gawk = hostPackage {
        pname = "gawk";
        bins = [ "awk=mawk" "mawk" ];
        links = [ "gawk=mawk" ];
        mainProgram = "awk";
      };
      mawk = self.gawk;
      gnutar = hostPackage { pname = "gnutar"; bins = [ "tar" ]; mainProgram = "tar"; };
      gzip = hostPackage {
        pname = "gzip";
        bins = [ "gzip" "gunzip" "zcat" "zcmp" "zdiff" "zgrep" "zegrep" "zfgrep" "zforce" "zless"
                 "zmore" "znew" "gzexe" ];
      };
      bzip2 = hostPackage {
        pname = "bzip2";
        bins = [ "bzip2" "bunzip2" "bzcat" "bzip2recover" "bzdiff" "bzcmp" "bzgrep" "bzegrep"
                 "bzfgrep" "bzmore" "bzless" "bzexe" ];
      };
      xz = hostPackage {
        pname = "xz";
        bins = [ "xz" "unxz" "xzcat" "lzmainfo" "xzdiff" "xzcmp" "xzgrep" "xzegrep" "xzfgrep"
                 "xzless" "xzmore" ];
      };
      gnumake = hostPackage { pname = "gnumake"; bins = [ "make" ]; links = [ "gmake=make" ]; mainProgram = "make"; };
      gnupatch = hostPackage { pname = "gnupatch"; bins = [ "patch" ]; mainProgram = "patch"; };
      which = hostPackage { pname = "which"; };
      less = hostPackage { pname = "less"; bins = [ "less" "lessecho" "lesskey" "lesspipe" ]; };
      unzip = hostPackage { pname = "unzip"; bins = [ "unzip" "funzip" "zipinfo" "zipgrep" ]; };
      hostname = hostPackage {
        pname = "hostname";
        links = [ "dnsdomainname=hostname" "domainname=hostname" ];
      };
      file = hostPackage { pname = "file"; };
      util-linux = hostPackage {
        pname = "util-linux";
        bins = [
          "flock" "getopt" "setsid" "script" "scriptreplay" "scriptlive" "logger" "renice" "rev"
          "unshare" "nsenter" "setpriv" "prlimit" "taskset" "ionice" "chrt" "findmnt" "lsblk"
          "mountpoint" "namei" "more" "whereis" "hardlink" "fallocate" "setarch" "mcookie"
          "lslocks" "lsns" "ipcs" "ipcrm" "ipcmk" "lscpu" "dmesg" "wall"
        ];
      };
      utillinux = self.util-linux;
      flock = hostPackage { pname = "flock"; };
      procps = hostPackage {
        pname = "procps";
        bins = [ "ps" "pgrep" "pkill" "pidwait" "kill" "free" "top" "uptime" "vmstat" "w" "watch"
                 "pmap" "pwdx" "sysctl" "skill" "snice" "tload" "slabtop" ];
        mainProgram = "ps";
      };
      ps = self.procps;
      jq = hostPackage { pname = "jq"; mainProgram = "jq"; };
      # The Procfile runner (Debian ruby-foreman: a Ruby script that runs with the host's Ruby).
      foreman = hostPackage { pname = "foreman"; mainProgram = "foreman"; };
      redis = hostPackage {
        pname = "redis";
        bins = [ "redis-server" "redis-cli" "redis-benchmark" ];
        links = [ "redis-check-aof=redis-server" "redis-check-rdb=redis-server" ];
        mainProgram = "redis-server";
      };
      shellcheck = hostPackage { pname = "shellcheck"; mainProgram = "shellcheck"; };
      # Same binary as shellcheck (nixpkgs' minimal variant only drops the Haskell library).
      shellcheck-minimal = self.shellcheck;
      bubblewrap = hostPackage { pname = "bubblewrap"; bins = [ "bwrap" ]; mainProgram = "bwrap"; };
      git = hostPackage {
        pname = "git";
        bins = [ "git" "git-shell" "scalar" ];
        links = [ "git-receive-pack=git" "git-upload-archive=git" "git-upload-pack=git" ];
        mainProgram = "git";
      };
      gitMinimal = self.git;
      # Whichever Python 3 the host has (bookworm 3.11, trixie 3.13): /usr/bin/python3 is a link
      # to it, copied as the binary; python3.X is named after what it reports.
      python3 = hostPackage {
        pname = "python3";
        bins = [ "python3" ];
        links = [ "python=python3" ];
        extraCommands = ''
          version=$("$out/bin/python3" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
          ln -s python3 "$out/bin/python$version"
        '';
        mainProgram = "python3";
        passthru = {
          # Read from the built package (import from derivation), only when asked for.
          pythonVersion = lib.removeSuffix "\n" (builtins.readFile (derivation {
            name = "python3-host-version";
            system = hostSystem;
            builder = "/bin/bash";
            args = [ "-c" ''"$python3/bin/python3" -c 'import sys; print("%d.%d" % sys.version_info[:2])' > "$out"'' ];
            python3 = self.python3;
            preferLocalBuild = true;
            allowSubstitutes = false;
          }));
          executable = "python3";
          sitePackages = "lib/python${self.python3.pythonVersion}/site-packages";
          interpreter = "${self.python3}/bin/python3";
        };
      };
      python3Minimal = self.python3;
      # The Python yq (a jq wrapper for YAML/XML/TOML), pointed at the python3 copy above.
      yq = hostPackage {
        pname = "yq";
        bins = [ ];
        mainProgram = "yq";
        env.python3 = self.python3;
        extraCommands = ''
          for entry in yq=yq tomlq=tomlq xq=xq-python; do
            source=/usr/bin/''${entry#*=}
            if [[ ! -f $source ]]; then
              echo "hostpkgs: '$source' is not installed on this host (package $pname needs it)" >&2
              exit 1
            fi
            { printf '#!%s\n' "$python3/bin/python3"; tail -n +2 "$source"; } > "$out/bin/''${entry%%=*}"
            chmod 0555 "$out/bin/''${entry%%=*}"
          done
        '';
      };
      # mikefarah's yq (yq-go) is not installed here: a small Python stand-in (./yq-go.py) for
      # JSON/YAML rendering. bin/yq as in nixpkgs, plus bin/yq-go.
      yq-go = hostPackage {
        pname = "yq-go";
        bins = [ ];
        links = [ "yq-go=yq" ];
        mainProgram = "yq";
        env = { python3 = self.python3; shim = ./yq-go.py; };
        extraCommands = ''
          if ! "$python3/bin/python3" -c 'import yaml' 2>/dev/null; then
            echo "hostpkgs: yq-go needs PyYAML (Debian package python3-yaml), which is not installed" >&2
            exit 1
          fi
          { printf '#!%s\n' "$python3/bin/python3"; cat "$shim"; } > "$out/bin/yq"
          chmod 0555 "$out/bin/yq"
        '';
      };
      nix = hostPackage {
        pname = "nix";
        bins = [ "nix" ];
        links = map (name: "${name}=nix") [
          "nix-build" "nix-channel" "nix-collect-garbage" "nix-copy-closure" "nix-daemon"
          "nix-env" "nix-hash" "nix-instantiate" "nix-prefetch-url" "nix-shell" "nix-store"
        ];
        mainProgram = "nix";
      };
      strace = hostPackage { pname = "strace"; bins = [ "strace" "strace-log-merge" ]; mainProgram = "strace"; };
      # GnuPG. Debian's binaries have /usr/bin compiled in as the place of gpg-agent, dirmngr, …,
      # which inside an FHS environment is the environment's own /usr/bin. gpgconf.ctl next to
      # the binaries moves GnuPG's root into this package (bindir $out/bin, libexecdir
      # $out/libexec), as nixpkgs' gnupg has its own store path built in: gpg starts this
      # package's gpg-agent wherever it runs.
      gnupg = hostPackage {
        pname = "gnupg";
        bins = [ "gpg" "gpg-agent" "gpgconf" "gpg-connect-agent" "gpgsm" "dirmngr" ];
        mainProgram = "gpg";
        extraCommands = ''
          printf 'rootdir=%s\nsysconfdir=/etc/gnupg\n' "$out" > "$out/bin/gpgconf.ctl"
          mkdir -p "$out/libexec" "$out/share"
          for file in /usr/lib/gnupg/*; do
            [[ ! -f $file ]] || cp -L -- "$file" "$out/libexec/"
          done
          [[ ! -d /usr/share/gnupg ]] || ln -s /usr/share/gnupg "$out/share/gnupg"
        '';
      };
      tree = hostPackage { pname = "tree"; };
      # pass (the standard unix password manager): Debian's script with its tools on PATH first,
      # as nixpkgs' wrapper puts them; extensions in /usr/lib/password-store/extensions as on
      # Debian.
      pass = hostPackage {
        pname = "pass";
        bins = [ ];
        mainProgram = "pass";
        env = {
          inherit bash;
          toolPath = lib.makeBinPath (with self; [
            coreutils findutils gnugrep gnused gnupg util-linux which tree git
          ]);
        };
        extraCommands = ''
          if [[ ! -f /usr/bin/pass ]]; then
            echo "hostpkgs: '/usr/bin/pass' is not installed on this host (package $pname needs it)" >&2
            exit 1
          fi
          {
            printf '#!%s/bin/bash\n' "$bash"
            printf 'PATH=%q${"$"}{PATH:+:$PATH}\n' "$toolPath"
            tail -n +2 /usr/bin/pass
          } > "$out/bin/pass"
          chmod 0555 "$out/bin/pass"
        '';
      };

      # ---- L1 --------------------------------------------------------------------------------
      stdenv = stdenvSetup // {
        inherit mkDerivation;
        system = hostSystem;
        inherit initialPath;
        shell = "${bash}/bin/bash";
        # The parse-only check nixpkgs runs on shell scripts.
        shellDryRun = "${bash}/bin/bash -n -O extglob";
        hostPlatform = platform;
        buildPlatform = platform;
        targetPlatform = platform;
        isLinux = true;
        isDarwin = false;
        cc = null;
        hasCC = false;
      };
      stdenvNoCC = self.stdenv;
      mkDerivation = self.stdenv.mkDerivation;
      runtimeShell = "${bash}/bin/bash";
      runtimeShellPackage = bash;
      makeBinPath = lib.makeBinPath;

      # ---- L2 --------------------------------------------------------------------------------
      inherit runCommandWith runCommand runCommandLocal writeTextFile writeShellScript
        buildFHSEnv resholve;
      runCommandNoCC = runCommand;
      runCommandNoCCLocal = runCommandLocal;
      runCommandCC = runCommand;
      buildFHSUserEnv = buildFHSEnv;
      buildFHSEnvBubblewrap = buildFHSEnv;
      buildFHSUserEnvBubblewrap = buildFHSEnv;

      writeText = name: text: writeTextFile { inherit name text; };
      writeTextDir = path: text: writeTextFile {
        inherit text;
        name = builtins.baseNameOf path;
        destination = "/${path}";
      };
      writeScript = name: text: writeTextFile { inherit name text; executable = true; };
      writeScriptBin = name: text: writeTextFile {
        inherit name text;
        executable = true;
        destination = "/bin/${name}";
      };
      writeShellScriptBin = name: text: writeTextFile {
        inherit name;
        executable = true;
        destination = "/bin/${name}";
        text = "#!${self.runtimeShell}\n${text}";
        checkPhase = ''${self.stdenv.shellDryRun} "$target"'';
      };

      # nixpkgs ≤ 25.05: shellcheck runs in checkPhase (a finding fails the build); it is also
      # offered as passthru.tests.shellcheck, where newer nixpkgs moved it.
      writeShellApplication =
        {
          name,
          text,
          runtimeInputs ? [ ],
          runtimeEnv ? null,
          meta ? { },
          passthru ? { },
          checkPhase ? null,
          excludeShellChecks ? [ ],
          extraShellCheckFlags ? [ ],
          bashOptions ? [ "errexit" "nounset" "pipefail" ],
          derivationArgs ? { },
          inheritPath ? true,
        }:
        let
          shellcheckFor = shellcheckCommand { inherit excludeShellChecks extraShellCheckFlags; };
          script = writeTextFile {
            inherit name meta derivationArgs;
            executable = true;
            destination = "/bin/${name}";
            allowSubstitutes = true;
            preferLocalBuild = false;
            text = ''
              #!${self.runtimeShell}
              ${lib.concatMapStrings (option: "set -o ${option}\n") bashOptions}${
                optionalString (runtimeEnv != null) (lib.concatStrings (mapAttrsToList
                  (variable: value: "${lib.toShellVar variable value}\nexport ${variable}\n")
                  runtimeEnv))
              }${
                optionalString (runtimeInputs != [ ]) ''

                  export PATH="${makeBinPath runtimeInputs}${optionalString inheritPath ":$PATH"}"
                ''
              }
              ${text}
            '';
            checkPhase =
              if checkPhase == null then ''
                runHook preCheck
                ${self.stdenv.shellDryRun} "$target"
                ${shellcheckFor ''"$target"''}
                runHook postCheck
              '' else checkPhase;
            passthru = passthru // {
              tests = (passthru.tests or { }) // {
                shellcheck = runCommandLocal "${name}-shellcheck" { } ''
                  ${shellcheckFor "${script}/bin/${escapeShellArg name}"}
                  touch "$out"
                '';
              };
            };
          };
        in
        script;

      makeSetupHook =
        { name ? lib.warn "calling makeSetupHook without passing a name is deprecated." "hook",
          deps ? [ ], propagatedBuildInputs ? [ ], depsTargetTargetPropagated ? [ ],
          meta ? { }, passthru ? { }, substitutions ? { } }:
        script:
        let
          substitutionNames = builtins.attrNames substitutions;
          substitutionEnv = lib.mapAttrs' (key: value: lib.nameValuePair "hostpkgsSubstitute_${key}"
            (if builtins.isList value then concatMapStringsSep " " toString value else value))
            substitutions;
        in
        runCommand name (substitutionEnv // {
          inherit meta passthru script substitutionNames;
          propagated = lib.toList deps ++ propagatedBuildInputs;
        }) ''
          mkdir -p "$out/nix-support"
          substitutionArgs=()
          for key in $substitutionNames; do
            variable=hostpkgsSubstitute_$key
            substitutionArgs+=(--subst-var-by "$key" "''${!variable}")
          done
          substitute "$script" "$out/nix-support/setup-hook" ''${substitutionArgs[@]+"''${substitutionArgs[@]}"}
          if [[ -n $propagated ]]; then
            printf '%s\n' "$propagated" > "$out/nix-support/propagated-build-inputs"
          fi
        '';

      makeWrapper = self.makeSetupHook {
        name = "make-shell-wrapper-hook";
        substitutions.shell = "${bash}/bin/bash";
      } ./make-wrapper.sh;
      makeShellWrapper = self.makeWrapper;

      symlinkJoin =
        { name, paths, preferLocalBuild ? true, allowSubstitutes ? false, postBuild ? "", ... }@args:
        runCommand name (builtins.removeAttrs args [ "name" "postBuild" ] // {
          inherit preferLocalBuild allowSubstitutes postBuild;
          passAsFile = [ "paths" "postBuild" ];
        }) ''
          mkdir -p "$out"
          # Like lndir: directories are created, everything else is linked; the first path wins.
          for path in $(< "$pathsPath"); do
            while IFS= read -r -d "" entry; do
              relative=''${entry#"$path"}
              if [[ -d $entry && ! -L $entry ]]; then
                mkdir -p "$out$relative"
              elif [[ ! -e $out$relative && ! -L $out$relative ]]; then
                ln -s "$entry" "$out$relative"
              fi
            done < <(find "$path" -mindepth 1 -print0)
          done
          source "$postBuildPath"
        '';

      linkFarm = name: entries:
        let
          list = if builtins.isList entries then entries
            else mapAttrsToList (name: path: { inherit name path; }) entries;
        in
        runCommandLocal name { } ''
          mkdir -p "$out"
          ${lib.concatMapStrings (entry: ''
            mkdir -p "$(dirname "$out"/${escapeShellArg entry.name})"
            ln -s ${escapeShellArg "${entry.path}"} "$out"/${escapeShellArg entry.name}
          '') list}
        '';
      linkFarmFromDrvs = name: drvs:
        self.linkFarm name (map (drv: { name = drv.name; path = drv; }) drvs);

      emptyDirectory = runCommandLocal "empty-directory" { } ''mkdir "$out"'';
      emptyFile = runCommandLocal "empty-file" { } ''touch "$out"'';
    };
in
lib.fix (lib.extends (lib.composeManyExtensions overlays) base)
