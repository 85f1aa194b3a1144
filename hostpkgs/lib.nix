# The subset of nixpkgs' `lib` that flakegen's generated flakes (and the host package set itself)
# use, written for this project. Names and behaviour follow nixpkgs' lib; only what is listed here
# exists. `system` is the one platform this set builds for.
{ system ? "x86_64-linux" }:
let
  b = builtins;

  lib = rec {
    # ---- fixed points and overlays ------------------------------------------------------------
    fix = f: let x = f x; in x;
    # `extends overlay f`: the fixed point of f, with overlay applied on top (final: prev: …).
    extends = overlay: f: final: let prev = f final; in prev // overlay final prev;
    composeExtensions = first: second: final: prev:
      let afterFirst = prev // first final prev; in afterFirst // second final afterFirst;
    composeManyExtensions = b.foldl' composeExtensions (_: _: { });
    makeExtensible = f: fix (self: f self // {
      extend = overlay: makeExtensible (extends overlay f);
    });

    # ---- trivial ------------------------------------------------------------------------------
    id = x: x;
    const = x: _: x;
    flip = f: x: y: f y x;
    pipe = b.foldl' (value: f: f value);
    inherit (b) isFunction isAttrs isList isString isInt isBool isFloat isPath typeOf seq deepSeq
      toJSON fromJSON tryEval throw abort trace functionArgs;
    isDerivation = value: value.type or null == "derivation";
    isStringLike = value: b.isString value || b.isPath value || value ? outPath || value ? __toString;
    boolToString = value: if value then "true" else "false";
    mod = base: int: base - (int * (b.div base int));
    min = x: y: if x < y then x else y;
    max = x: y: if x > y then x else y;
    warn = message: b.trace "warning: ${message}";
    warnIf = condition: message: if condition then warn message else id;
    warnIfNot = condition: message: if condition then id else warn message;
    throwIf = condition: message: if condition then b.throw message else id;
    throwIfNot = condition: message: if condition then id else b.throw message;
    assertMsg = predicate: message: predicate || b.throw message;
    assertOneOf = name: value: allowed:
      assertMsg (b.elem value allowed)
        "${name} must be one of ${toPretty allowed}, but is: ${toPretty value}";
    inherit (b) compareVersions splitVersion;
    versionOlder = v1: v2: b.compareVersions v2 v1 == 1;
    versionAtLeast = v1: v2: !versionOlder v1 v2;
    # This set imitates the interfaces of nixpkgs 25.05 (see README.md).
    version = "25.05";
    release = "25.05";
    codeName = "hostpkgs";
    oldestSupportedRelease = 2505;
    isInOldestRelease = release: release <= 2505;
    inNixShell = false;
    importJSON = path: b.fromJSON (b.readFile path);
    # A small readable rendering for error messages.
    toPretty = value:
      if b.isString value then b.toJSON value
      else if b.isList value then "[ ${concatMapStringsSep " " toPretty value} ]"
      else if isDerivation value then "<derivation ${value.name or "?"}>"
      else if b.isAttrs value then
        "{ ${concatStrings (mapAttrsToList (n: v: "${n} = ${toPretty v}; ") value)}}"
      else if b.isFunction value then "<function>"
      else if value == null then "null"
      else if b.isBool value then boolToString value
      else b.toString value;

    # ---- lists --------------------------------------------------------------------------------
    inherit (b) head tail length elem elemAt filter map concatLists concatMap genList sort any all
      partition foldl' groupBy;
    foldl = op: nul: list: b.foldl' op nul list;
    foldr = op: nul: list:
      let n = b.length list;
          go = i: if i == n then nul else op (b.elemAt list i) (go (i + 1));
      in go 0;
    optional = condition: element: if condition then [ element ] else [ ];
    optionals = condition: list: if condition then list else [ ];
    toList = value: if b.isList value then value else [ value ];
    singleton = x: [ x ];
    flatten = value: if b.isList value then b.concatMap flatten value else [ value ];
    range = first: last: if first > last then [ ] else b.genList (i: first + i) (last - first + 1);
    imap0 = f: list: b.genList (i: f i (b.elemAt list i)) (b.length list);
    imap1 = f: list: b.genList (i: f (i + 1) (b.elemAt list i)) (b.length list);
    last = list: assert assertMsg (list != [ ]) "lists.last: list must not be empty!";
      b.elemAt list (b.length list - 1);
    init = list: assert assertMsg (list != [ ]) "lists.init: list must not be empty!";
      take (b.length list - 1) list;
    take = count: sublist 0 count;
    drop = count: list: sublist count (b.length list) list;
    sublist = start: count: list:
      let len = b.length list;
          n = if start >= len then 0 else if start + count > len then len - start else count;
      in b.genList (i: b.elemAt list (start + i)) n;
    reverseList = list: let n = b.length list; in b.genList (i: b.elemAt list (n - i - 1)) n;
    count = pred: b.foldl' (c: x: if pred x then c + 1 else c) 0;
    remove = e: b.filter (x: x != e);
    unique = b.foldl' (acc: e: if b.elem e acc then acc else acc ++ [ e ]) [ ];
    findFirst = pred: default: list:
      let found = b.filter pred list; in if found == [ ] then default else b.head found;
    subtractLists = e: b.filter (x: !(b.elem x e));
    intersectLists = e: b.filter (x: b.elem x e);
    zipListsWith = f: fst: snd:
      b.genList (n: f (b.elemAt fst n) (b.elemAt snd n)) (min (b.length fst) (b.length snd));
    zipLists = zipListsWith (fst: snd: { inherit fst snd; });
    naturalSort = b.sort (x: y: x < y);
    lists = lib;

    # ---- attribute sets -----------------------------------------------------------------------
    inherit (b) attrNames attrValues hasAttr getAttr listToAttrs intersectAttrs removeAttrs
      catAttrs mapAttrs zipAttrsWith;
    nameValuePair = name: value: { inherit name value; };
    mapAttrs' = f: set: b.listToAttrs (map (name: f name set.${name}) (b.attrNames set));
    mapAttrsToList = f: set: map (name: f name set.${name}) (b.attrNames set);
    attrsToList = mapAttrsToList nameValuePair;
    concatMapAttrs = f: set: b.foldl' (acc: x: acc // x) { } (mapAttrsToList f set);
    filterAttrs = pred: set:
      b.listToAttrs (b.concatMap (name: let value = set.${name}; in
        if pred name value then [ (nameValuePair name value) ] else [ ]) (b.attrNames set));
    genAttrs = names: f: b.listToAttrs (map (name: nameValuePair name (f name)) names);
    optionalAttrs = condition: set: if condition then set else { };
    attrByPath = path: default: set:
      if path == [ ] then set
      else let name = b.head path; in
        if set ? ${name} then attrByPath (b.tail path) default set.${name} else default;
    hasAttrByPath = path: set:
      path == [ ] || (let name = b.head path; in
        b.isAttrs set && set ? ${name} && hasAttrByPath (b.tail path) set.${name});
    getAttrFromPath = path: set:
      let missing = b.throw "cannot find attribute '${concatStringsSep "." path}'";
      in attrByPath path missing set;
    setAttrByPath = path: value:
      if path == [ ] then value else { ${b.head path} = setAttrByPath (b.tail path) value; };
    attrVals = names: set: map (name: set.${name}) names;
    getAttrs = names: set: b.intersectAttrs (genAttrs names (_: null)) set;
    recursiveUpdateUntil = pred: lhs: rhs:
      let merge = path: lhs: rhs: lhs // b.mapAttrs (name: value:
        let here = path ++ [ name ]; in
        if lhs ? ${name} && b.isAttrs value && b.isAttrs lhs.${name}
          && !(pred here lhs.${name} value)
        then merge here lhs.${name} value else value) rhs;
      in merge [ ] lhs rhs;
    recursiveUpdate = recursiveUpdateUntil (_: lhs: rhs:
      !(b.isAttrs lhs && b.isAttrs rhs) || isDerivation lhs || isDerivation rhs);
    mapAttrsRecursiveCond = cond: f: set:
      let go = path: b.mapAttrs (name: value:
        if b.isAttrs value && cond value then go (path ++ [ name ]) value else f (path ++ [ name ]) value);
      in go [ ] set;
    mapAttrsRecursive = mapAttrsRecursiveCond (_: true);
    foldAttrs = op: nul: list_of_attrs:
      b.foldl' (acc: set: acc // b.mapAttrs (name: value: op value (acc.${name} or nul)) set) { }
        (reverseList list_of_attrs);
    zipAttrs = zipAttrsWith (_: values: values);
    attrsets = lib;

    # ---- strings ------------------------------------------------------------------------------
    inherit (b) stringLength substring replaceStrings concatStringsSep match split toString
      baseNameOf dirOf;
    concatStrings = concatStringsSep "";
    concatMapStrings = f: list: concatStrings (map f list);
    concatMapStringsSep = sep: f: list: concatStringsSep sep (map f list);
    concatImapStrings = f: list: concatStrings (imap1 f list);
    concatImapStringsSep = sep: f: list: concatStringsSep sep (imap1 f list);
    concatLines = list: concatMapStrings (line: line + "\n") list;
    optionalString = condition: string: if condition then string else "";
    hasPrefix = prefix: string: b.substring 0 (b.stringLength prefix) string == prefix;
    hasSuffix = suffix: string:
      let ls = b.stringLength string; lx = b.stringLength suffix;
      in lx <= ls && b.substring (ls - lx) lx string == suffix;
    hasInfix = infix: string: b.match ".*${escapeRegex infix}.*" "${string}" != null;
    removePrefix = prefix: string:
      if hasPrefix prefix string
      then b.substring (b.stringLength prefix) (b.stringLength string) string else string;
    removeSuffix = suffix: string:
      if hasSuffix suffix string
      then b.substring 0 (b.stringLength string - b.stringLength suffix) string else string;
    stringToCharacters = s: b.genList (i: b.substring i 1 s) (b.stringLength s);
    escape = chars: b.replaceStrings chars (map (c: "\\${c}") chars);
    escapeRegex = escape (stringToCharacters "\\[{()^$?*+|.");
    splitString = sep: string:
      b.filter b.isString (b.split (escapeRegex (b.toString sep)) (b.toString string));
    toUpper = b.replaceStrings (stringToCharacters "abcdefghijklmnopqrstuvwxyz")
      (stringToCharacters "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    toLower = b.replaceStrings (stringToCharacters "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
      (stringToCharacters "abcdefghijklmnopqrstuvwxyz");
    trim = string:
      let m = b.match "[[:space:]]*(.*[^[:space:]])[[:space:]]*" string;
      in if m == null then "" else b.head m;
    fileContents = file: removeSuffix "\n" (b.readFile file);
    toInt = string:
      let m = b.match "[[:space:]]*(-?[0-9]+)[[:space:]]*" string;
      in if m == null then b.throw "toInt: could not convert ${b.toJSON string} to an integer"
         else b.fromJSON (b.head m);
    escapeNixString = s: escape [ "$" ] (b.toJSON s);
    strings = lib;

    # Shell quoting: a word of safe characters stays as it is, anything else is single-quoted.
    escapeShellArg = arg:
      let string = b.toString arg; in
      if b.match "[[:alnum:],._+:@%/-]+" string != null then string
      else "'${b.replaceStrings [ "'" ] [ "'\\''" ] string}'";
    escapeShellArgs = concatMapStringsSep " " escapeShellArg;
    isValidPosixName = name: b.match "[a-zA-Z_][a-zA-Z0-9_]*" name != null;
    # `NAME=value`, `declare -a NAME=(…)` for lists, `declare -A NAME=([k]=v …)` for attribute
    # sets that are not derivations (or anything else usable as a string).
    toShellVar = name: value:
      throwIfNot (isValidPosixName name) "toShellVar: ${name} is not a valid shell variable name" (
        if b.isAttrs value && !isStringLike value then
          "declare -A ${name}=(${concatStringsSep " "
            (mapAttrsToList (k: v: "[${escapeShellArg k}]=${escapeShellArg v}") value)})"
        else if b.isList value then
          "declare -a ${name}=(${escapeShellArgs value})"
        else "${name}=${escapeShellArg value}");
    toShellVars = vars: concatStringsSep "\n" (mapAttrsToList toShellVar vars);

    # ---- search paths and package outputs -----------------------------------------------------
    getOutput = output: pkg:
      if !(b.isAttrs pkg) || (pkg.outputSpecified or false) then pkg
      else pkg.${output} or pkg.out or pkg;
    getBin = getOutput "bin";
    getLib = getOutput "lib";
    getDev = getOutput "dev";
    getMan = getOutput "man";
    makeSearchPathOutput = output: subDir: pkgs:
      concatMapStringsSep ":" (pkg: "${getOutput output pkg}/${subDir}")
        (b.filter (x: x != null) pkgs);
    makeSearchPath = subDir: paths:
      concatMapStringsSep ":" (path: "${path}/${subDir}") (b.filter (x: x != null) paths);
    makeBinPath = makeSearchPathOutput "bin" "bin";
    makeLibraryPath = makeSearchPathOutput "lib" "lib";
    getName = x:
      if b.isString x then (b.parseDrvName x).name
      else x.pname or (b.parseDrvName x.name).name;
    getVersion = x:
      if b.isString x then (b.parseDrvName x).version
      else x.version or (b.parseDrvName x.name).version;
    getExe = x:
      let program = x.meta.mainProgram or (warn
        "getExe: package ${x.name or "?"} does not have meta.mainProgram; guessing ${getName x}"
        (getName x));
      in getExe' x program;
    getExe' = x: program: "${getBin x}/bin/${program}";

    # ---- customisation ------------------------------------------------------------------------
    # A function result that can be re-made with changed arguments through `.override`.
    makeOverridable = f: origArgs:
      let
        result = f origArgs;
        override = newArgs: makeOverridable f
          (origArgs // (if b.isFunction newArgs then newArgs origArgs else newArgs));
      in
      if b.isAttrs result then result // { inherit override; }
      else if b.isFunction result then { __functor = _: result; inherit override; }
      else result;
    callPackageWith = autoArgs: fn: args:
      let
        f = if b.isFunction fn then fn else import fn;
        auto = b.intersectAttrs (b.functionArgs f) autoArgs;
      in makeOverridable f (auto // args);
    customisation = lib;
    fixedPoints = lib;
    trivial = lib;

    # ---- sources ------------------------------------------------------------------------------
    cleanSourceFilter = name: type:
      let base = b.baseNameOf (b.toString name); in
      !((type == "directory" && b.elem base [ ".git" ".svn" ".hg" "CVS" ])
        || (type == "symlink" && hasPrefix "result" base)
        || hasSuffix "~" base || b.match "^\\.sw[a-z]$" base != null
        || b.match "^\\..*\\.sw[a-z]$" base != null || hasSuffix ".o" base);
    cleanSourceWith = { src, filter ? (_: _: true), name ? "source" }:
      b.path { path = src; inherit name filter; };
    cleanSource = src: cleanSourceWith { inherit src; filter = cleanSourceFilter; };
    sources = lib;

    # ---- meta placeholders --------------------------------------------------------------------
    licenses = b.mapAttrs (spdxId: fullName: { inherit spdxId fullName; shortName = spdxId; free = true; }) {
      mit = "MIT License";
      asl20 = "Apache License 2.0";
      bsd2 = "BSD 2-clause \"Simplified\" License";
      bsd3 = "BSD 3-clause \"New\" or \"Revised\" License";
      gpl2Only = "GNU General Public License v2.0 only";
      gpl2Plus = "GNU General Public License v2.0 or later";
      gpl3Only = "GNU General Public License v3.0 only";
      gpl3Plus = "GNU General Public License v3.0 or later";
      lgpl21Plus = "GNU Lesser General Public License v2.1 or later";
      mpl20 = "Mozilla Public License 2.0";
      isc = "ISC License";
      unlicense = "The Unlicense";
      cc0 = "Creative Commons Zero v1.0 Universal";
    };
    maintainers = { };
    teams = { };
    platforms = { all = [ system ]; linux = [ system ]; unix = [ system ]; x86_64 = [ system ]; };
    meta = lib;

    systems = {
      flakeExposed = [ system ];
      doubles = { all = [ system ]; linux = [ system ]; };
    };

    # ---- the module system (a subset of lib.modules, lib.options and lib.types) ----------------
    # Written for this project after nixpkgs' documented behaviour. A module is a path, a function
    # `{ config, options, lib, pkgs, ... }:` or a set `{ imports; options; config; }` (a set
    # without `options` and `config` is all config). Definitions carry properties: mkIf, mkMerge
    # and mkOverride (mkDefault 1000, mkForce 50, plain 100, an option's default 1500; the lowest
    # number wins and only definitions of that priority are merged, by the option's type).
    # Not here: disabledModules, freeformType, mkBefore/mkAfter/mkOrder, mkRenamedOptionModule and
    # friends, documentation (getSubOptions), one option declared by several modules (nixpkgs
    # merges the declarations of submodule options; here that is an error).

    mkOption = { default ? null, defaultText ? null, example ? null, description ? null,
      relatedPackages ? null, type ? null, apply ? null, internal ? null, visible ? null,
      readOnly ? null }@attrs: attrs // { _type = "option"; };
    mkEnableOption = name: mkOption {
      type = types.bool;
      default = false;
      example = true;
      description = "Whether to enable ${name}.";
    };
    isOption = value: b.isAttrs value && value._type or null == "option";

    mkIf = condition: content: { _type = "if"; inherit condition content; };
    mkMerge = contents: { _type = "merge"; inherit contents; };
    mkOverride = priority: content: { _type = "override"; inherit priority content; };
    defaultOverridePriority = 100;
    mkOptionDefault = mkOverride 1500;
    mkDefault = mkOverride 1000;
    mkForce = mkOverride 50;

    # `services.foo."a.b".port`: names that are not identifiers are quoted, as in nixpkgs.
    showOption = loc: concatMapStringsSep "." (name:
      if b.match "[a-zA-Z0-9_][a-zA-Z0-9_'-]*|<.+>|\\*" name != null then name else b.toJSON name) loc;
    # "\n- In `file': value" per definition; a property is not looked into (its condition could
    # be what fails).
    showDefs = defs: concatMapStrings (def: "\n- In `${def.file}': ${
      let property = { "if" = "mkIf"; merge = "mkMerge"; override = "mkOverride"; }; in
      if property ? ${def.value._type or ""} then "<${property.${def.value._type}} …>"
      else toPretty def.value}") defs;

    # Merge functions of the basic types (defs: [ { file; value; } ], never empty).
    mergeEqualOption = loc: defs: (b.foldl' (first: def:
      if def.value == first.value then first
      else b.throw "The option `${showOption loc}' has conflicting definition values:${showDefs [ first def ]}\nUse `lib.mkForce value` or `lib.mkDefault value` to change the priority on any of these definitions.")
      (b.head defs) (b.tail defs)).value;
    mergeOneOption = loc: defs:
      if b.length defs == 1 then (b.head defs).value
      else b.throw "The option `${showOption loc}' is defined multiple times while it's expected to be unique.\nDefinition values:${showDefs defs}";
    # The merge of `unspecified`: lists concatenated, sets updated, booleans or-ed, strings joined.
    mergeDefaultOption = loc: defs:
      let values = map (def: def.value) defs; in
      if b.length values == 1 then b.head values
      else if b.all b.isList values then b.concatLists values
      else if b.all b.isAttrs values then b.foldl' (x: y: x // y) { } values
      else if b.all b.isBool values then b.any id values
      else if b.all b.isString values then concatStrings values
      else if b.all b.isInt values && b.all (x: x == b.head values) values then b.head values
      else b.throw "Cannot merge definitions of `${showOption loc}'. Definition values:${showDefs defs}";

    # Definitions of a namespace (a set of options) as sets: mkMerge flattened, mkIf and
    # mkOverride moved onto every attribute, so the attribute names are known without deciding
    # any condition.
    pushDownProperties = value:
      let type = value._type or null; in
      if type == "merge" then b.concatMap pushDownProperties value.contents
      else if type == "if" then map (b.mapAttrs (_: mkIf value.condition)) (pushDownProperties value.content)
      else if type == "override" then
        map (b.mapAttrs (_: mkOverride value.priority)) (pushDownProperties value.content)
      else [ value ];

    # The definitions of one option as [ { file; value; priority; } ]: mkMerge flattened, mkIf
    # decided, mkOverride's priority noted (the outermost one counts).
    dischargeProperties = def:
      let go = priority: value:
        let type = value._type or null; in
        if type == "merge" then b.concatMap (go priority) value.contents
        else if type == "if" then
          if !b.isBool value.condition
          then b.throw "mkIf called with a non-Boolean condition (${toPretty value.condition}) in `${def.file}'"
          else if value.condition then go priority value.content else [ ]
        else if type == "override" then go (if priority == null then value.priority else priority) value.content
        else [ { inherit (def) file; inherit value; priority = if priority == null then defaultOverridePriority else priority; } ];
      in go null def.value;

    # Merges the definitions of the option at `loc`: only those of the highest priority (lowest
    # number) count; each must pass `type.check`. `mergedValue` throws when nothing is defined.
    mergeDefinitions = loc: type: defs:
      let
        discharged = b.concatMap dischargeProperties defs;
        highestPrio = b.foldl' (prio: def: min prio def.priority) 9999 discharged;
        defsFinal = b.filter (def: def.priority == highestPrio) discharged;
        invalid = b.filter (def: !type.check def.value) defsFinal;
        isDefined = defsFinal != [ ];
      in
      {
        inherit defsFinal highestPrio isDefined;
        mergedValue =
          if !isDefined then b.throw "The option `${showOption loc}' is used but not defined."
          else if invalid != [ ] then
            b.throw "A definition for option `${showOption loc}' is not of type `${type.description}'. Definition values:${showDefs invalid}"
          else type.merge loc defsFinal;
      };

    # ---- types ----
    mkOptionType = attrs: {
      _type = "option-type";
      description = attrs.name;
      descriptionClass = null;
      check = _: true;
      merge = mergeDefaultOption;
    } // attrs;

    types = let
      # A type's description inside another's: parenthesised unless its class is in `keep`.
      phrase = keep: type: if b.elem type.descriptionClass keep then type.description else "(${type.description})";
      noun = attrs: mkOptionType ({ descriptionClass = "noun"; merge = mergeEqualOption; } // attrs);
      intBetween = name: description: lowest: highest: noun {
        inherit name description;
        check = x: b.isInt x && (lowest == null || x >= lowest) && (highest == null || x <= highest);
      };
      unsignedBits = bits: let highest = b.foldl' (x: _: x * 2) 1 (range 1 bits) - 1; in
        intBetween "unsignedInt${toString bits}"
          "${toString bits} bit unsigned integer; between 0 and ${toString highest} (both inclusive)" 0 highest;
      attrsWith = lazy: elemType: mkOptionType {
        name = if lazy then "lazyAttrsOf" else "attrsOf";
        description = "${if lazy then "lazy " else ""}attribute set of ${phrase [ "noun" "composite" ] elemType}";
        descriptionClass = "composite";
        check = b.isAttrs;
        merge = loc: defs:
          let
            byName = b.zipAttrsWith (name: defs: mergeDefinitions (loc ++ [ name ]) elemType defs)
              (map (def: b.mapAttrs (_: value: { inherit (def) file; inherit value; }) def.value) defs);
          in
          # attrsOf drops attributes whose definitions are all `mkIf false` (deciding the
          # conditions to know the names); lazyAttrsOf keeps them, failing only when read.
          b.mapAttrs (_: merged: merged.mergedValue)
            (if lazy then byName else filterAttrs (_: merged: merged.isDefined) byName);
      };
    in rec {
      unspecified = mkOptionType { name = "unspecified"; description = "unspecified value"; descriptionClass = "noun"; };
      raw = mkOptionType { name = "raw"; description = "raw value"; descriptionClass = "noun"; merge = mergeOneOption; };
      bool = noun { name = "bool"; description = "boolean"; check = b.isBool; };
      int = noun { name = "int"; description = "signed integer"; check = b.isInt; };
      ints = {
        between = lowest: highest: intBetween "intBetween"
          "integer between ${toString lowest} and ${toString highest} (both inclusive)" lowest highest;
        unsigned = intBetween "unsignedInt" "unsigned integer, meaning >=0" 0 null;
        positive = intBetween "positiveInt" "positive integer, meaning >0" 1 null;
        u8 = unsignedBits 8;
        u16 = unsignedBits 16;
        u32 = unsignedBits 32;
      };
      port = ints.u16;
      str = noun { name = "str"; description = "string"; check = b.isString; };
      strMatching = pattern: noun {
        name = "strMatching ${b.toJSON pattern}";
        description = "string matching the pattern ${pattern}";
        check = x: b.isString x && b.match pattern x != null;
      };
      separatedString = sep: noun {
        name = "separatedString";
        description = if sep == "" then "Concatenated string" else "strings concatenated with ${b.toJSON sep}";
        check = b.isString;
        merge = _: defs: concatMapStringsSep sep (def: def.value) defs;
      };
      singleLineStr = strMatching "[^\n\r]*\n?" // {
        name = "singleLineStr";
        description = "(optionally newline-terminated) single-line string";
      };
      lines = separatedString "\n";
      commas = separatedString ",";
      envVar = separatedString ":";
      # An absolute path, as a path value or a string (a package is one too).
      path = noun {
        name = "path";
        description = "path";
        check = x: isStringLike x && b.substring 0 1 (b.toString x) == "/";
      };
      # A derivation, or a string naming a store object directly (`/nix/store/…-name`).
      package = noun {
        name = "package";
        description = "package";
        check = x: isDerivation x || (isStringLike x
          && b.match "${b.storeDir}/[^/]+" (b.toString x) != null);
      };
      enum = values: mkOptionType {
        name = "enum";
        description =
          if values == [ ] then "impossible (empty enum)"
          else if b.length values == 1 then "value ${toPretty (b.head values)} (singular enum)"
          else "one of ${concatMapStringsSep ", " toPretty values}";
        descriptionClass = if b.length values < 2 then "noun" else "conjunction";
        check = x: b.elem x values;
        merge = mergeEqualOption;
      };
      # Sets merged attribute by attribute (properties inside work), lists concatenated, anything
      # else must be defined equally.
      anything = mkOptionType {
        name = "anything";
        description = "anything";
        descriptionClass = "noun";
        merge = loc: defs:
          let
            kind = value: if isStringLike value && b.isAttrs value then "string-like set" else b.typeOf value;
            kinds = unique (map (def: kind def.value) defs);
          in
          if b.length kinds > 1 then
            b.throw "The option `${showOption loc}' has conflicting option types (${concatStringsSep ", " kinds}). Definition values:${showDefs defs}"
          else if kinds == [ "set" ] then (attrsOf anything).merge loc defs
          else if kinds == [ "list" ] then (listOf anything).merge loc defs
          else mergeEqualOption loc defs;
      };
      nullOr = elemType: mkOptionType {
        name = "nullOr";
        description = "null or ${phrase [ "noun" "conjunction" ] elemType}";
        descriptionClass = "conjunction";
        check = x: x == null || elemType.check x;
        merge = loc: defs:
          let nulls = b.length (b.filter (def: def.value == null) defs); in
          if nulls == b.length defs then null
          else if nulls == 0 then elemType.merge loc defs
          else b.throw "The option `${showOption loc}' is defined both null and not null. Definition values:${showDefs defs}";
      };
      # Definitions concatenated in module order; every element is merged on its own (so
      # `mkIf false` elements drop out).
      listOf = elemType: mkOptionType {
        name = "listOf";
        description = "list of ${phrase [ "noun" "composite" ] elemType}";
        descriptionClass = "composite";
        check = b.isList;
        merge = loc: defs: b.concatLists (imap1 (n: def: b.concatLists (imap1 (m: value:
          let merged = mergeDefinitions (loc ++ [ "[definition ${toString n}-entry ${toString m}]" ])
            elemType [ { inherit (def) file; inherit value; } ];
          in if merged.isDefined then [ merged.mergedValue ] else [ ]) def.value)) defs);
      };
      attrsOf = attrsWith false;
      lazyAttrsOf = attrsWith true;
      either = t1: t2: mkOptionType {
        name = "either";
        description = "${phrase [ "noun" "conjunction" ] t1} or ${phrase [ "noun" "conjunction" "composite" ] t2}";
        descriptionClass = "conjunction";
        check = x: t1.check x || t2.check x;
        merge = loc: defs:
          if b.all (def: t1.check def.value) defs then t1.merge loc defs
          else if b.all (def: t2.check def.value) defs then t2.merge loc defs
          else mergeOneOption loc defs;
      };
      # The type with one more condition its definitions must meet.
      addCheck = elemType: check: elemType // { check = x: elemType.check x && check x; };
      oneOf = ts:
        if ts == [ ] then b.throw "types.oneOf needs at least one type"
        else b.foldl' either (b.head ts) (b.tail ts);
      # A set of options inside an option: every definition is a module of its own (a set is
      # config only, as with nixpkgs' shorthandOnlyDefinesConfig); `name` is the last element of
      # the option path (the attribute name under attrsOf).
      submoduleWith = { modules, specialArgs ? { }, shorthandOnlyDefinesConfig ? false }: mkOptionType {
        name = "submodule";
        description = "submodule";
        check = x: b.isAttrs x || b.isFunction x || b.isPath x;
        merge = loc: defs: (evalModules {
          prefix = loc;
          inherit specialArgs;
          modules = modules ++ [ { _module.args.name = mkOptionDefault (last loc); } ]
            ++ map (def: {
              _file = def.file;
              imports = [ (if shorthandOnlyDefinesConfig && b.isAttrs def.value
                then { config = def.value; } else def.value) ];
            }) defs;
        }).config;
      };
      submodule = modules: submoduleWith { modules = toList modules; shorthandOnlyDefinesConfig = true; };
    };

    # ---- evaluation ----
    # evalModules { modules; specialArgs ? { }; prefix ? [ ]; } → { config; options; }.
    # Module arguments: config, options, lib, then specialArgs, then config._module.args (so
    # `pkgs` can come from either). Options are read lazily: the shape of `config` comes from the
    # declarations only, and an option's value is merged when it is read. Definitions of
    # undeclared options fail when the returned `config` (or `options`) is first looked at.
    evalModules = { modules, specialArgs ? { }, prefix ? [ ] }:
      let
        builtinModule = {
          _file = "lib.evalModules";
          options._module.args = mkOption {
            type = types.lazyAttrsOf types.raw;
            internal = true;
            description = "Additional arguments passed to each module.";
          };
        };

        args = { inherit lib config options; } // specialArgs;
        callModule = file: f: f (b.mapAttrs (name: _: args.${name} or config._module.args.${name}
          or (b.throw "The module `${file}' needs the argument `${name}', which is neither in specialArgs nor in _module.args."))
          (b.functionArgs f));

        # { file; key; imports; options; config; } from a path, function or set.
        normalise = file: key: module:
          if b.isPath module || b.isString module then normalise (b.toString module) (b.toString module) (import module)
          else if b.isFunction module then normalise file key (callModule file module)
          else if !b.isAttrs module then b.throw "The module `${file}' is not a function, set or path: ${toPretty module}"
          else
            let
              file' = module._file or file;
              meta = [ "_file" "key" "imports" "meta" "_class" ];
              extra = b.attrNames (removeAttrs module (meta ++ [ "options" "config" ]));
            in
            { file = file'; key = module.key or key; imports = module.imports or [ ]; } // (
              if !(module ? options || module ? config) then { options = { }; config = removeAttrs module meta; }
              else if extra != [ ] then b.throw "The module `${file'}' has an unsupported attribute `${b.head extra}': with `options' or `config' at its top level, a module may only have ${concatStringsSep ", " meta}, options and config. Move ${concatStringsSep ", " extra} into `config'."
              else { options = module.options or { }; config = module.config or { }; });

        # Depth first (a module, then its imports), each key once: an imported file is its path.
        collected = (b.foldl' visit { seen = { }; list = [ ]; }
          (imap0 (i: module: { file = "<unknown-file>"; key = "<root>:${toString i}"; inherit module; })
            ([ builtinModule ] ++ modules))).list;
        visit = state: item:
          let m = normalise item.file item.key item.module; in
          if state.seen ? ${m.key} then state
          else b.foldl' visit { seen = state.seen // { ${m.key} = true; }; list = state.list ++ [ m ]; }
            (imap0 (i: module: { inherit (m) file; key = "${m.key}:${toString i}"; inherit module; }) m.imports);

        # The declarations as one tree whose leaves are options (with `declarations`).
        mergeDeclarations = loc: decls:
          if b.any (decl: isOption decl.value) decls then
            if b.length decls > 1
            then b.throw "The option `${showOption loc}' in `${(b.elemAt decls 1).file}' is already declared in `${(b.head decls).file}'."
            else (b.head decls).value // { declarations = [ (b.head decls).file ]; }
          else b.zipAttrsWith (name: mergeDeclarations (loc ++ [ name ])) (map (decl:
            if b.isAttrs decl.value then b.mapAttrs (_: value: { inherit (decl) file; inherit value; }) decl.value
            else b.throw "The option declaration `${showOption loc}' in `${decl.file}' is neither an option (lib.mkOption) nor a set of options.")
            decls);
        declarations = mergeDeclarations prefix (map (m: { inherit (m) file; value = m.options; }) collected);
        definitions = map (m: { inherit (m) file; value = m.config; }) collected;

        # The definitions a namespace receives, as sets, and those of one attribute in them.
        namespaceDefs = loc: defs: b.concatMap (def: map (value:
          if isOption value then b.throw "The option `${showOption loc}' in `${def.file}' is declared in `config'; declarations go into `options'."
          else if b.isAttrs value then { inherit (def) file; inherit value; }
          else b.throw "The option `${showOption loc}' is a set of options, but `${def.file}' defines it as ${toPretty value}.")
          (pushDownProperties def.value)) defs;
        attributeDefs = name: defs: b.concatMap (def:
          optional (def.value ? ${name}) { inherit (def) file; value = def.value.${name}; }) defs;

        # The declaration tree with every option's value (lazily merged from its definitions).
        evalTree = loc: decl: defs:
          if isOption decl then evalOption loc decl defs
          else let defs' = namespaceDefs loc defs; in
            b.mapAttrs (name: sub: evalTree (loc ++ [ name ]) sub (attributeDefs name defs')) decl;
        evalOption = loc: opt: defs:
          let
            type = if opt.type or null == null then types.unspecified else opt.type;
            merged = mergeDefinitions loc type
              (optional (opt ? default) { file = b.head opt.declarations; value = mkOptionDefault opt.default; } ++ defs);
            value =
              if opt.readOnly or false == true && b.length (b.concatMap dischargeProperties defs) > 1
              then b.throw "The option `${showOption loc}' is read-only, but it's set multiple times. Definition values:${showDefs defs}"
              else if opt.apply or null != null then opt.apply merged.mergedValue
              else merged.mergedValue;
          in
          opt // {
            inherit loc type value;
            inherit (merged) isDefined highestPrio;
            definitions = map (def: def.value) merged.defsFinal;
            files = unique (map (def: def.file) merged.defsFinal);
          };

        # True, or the error about the first definition of an undeclared option.
        checkDefinitions = loc: decl: defs:
          isOption decl || (let defs' = namespaceDefs loc defs; in
            b.all (def: b.all (name: decl ? ${name} || b.throw
              "The option `${showOption (loc ++ [ name ])}' does not exist. Definition values:${showDefs (attributeDefs name [ def ])}")
              (b.attrNames def.value)) defs'
            && b.all (name: checkDefinitions (loc ++ [ name ]) decl.${name} (attributeDefs name defs'))
              (b.attrNames decl));
        checked = b.seq (checkDefinitions prefix declarations definitions);

        options = evalTree prefix declarations definitions;
        config = let values = tree: if isOption tree then tree.value else b.mapAttrs (_: values) tree;
          in values options;
      in
      {
        options = checked options;
        config = checked (removeAttrs config [ "_module" ]);
      };

    modules = lib;
    options = lib;
  };
in
lib
