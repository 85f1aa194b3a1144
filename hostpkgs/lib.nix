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
  };
in
lib
