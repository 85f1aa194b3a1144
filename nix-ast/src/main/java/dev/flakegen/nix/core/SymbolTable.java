package dev.flakegen.nix.core;

import dev.flakegen.nix.ast.NixVersion;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which Nix 2.8 keeps symbols, which is the order it prints {@code let} bindings and
 * formals in (not sorted, not source order: by the memory address of the interned name).
 *
 * <p>The rule, exact while a file interns at most 19 new names: the names Nix interns at start-up
 * come first in a fixed order (group A, which includes the empty name), then the file's new names
 * in the order they were first interned, then six names from the built-in source of {@code
 * derivation} (group B), which land after the file's first 19 names. Beyond 19 new names the order
 * depends on the heap; this table follows the usual pattern (the 20th and later new names before
 * the first), which Nix matches most but not all of the time.
 *
 * <p>Names are interned in the order Nix's parser reduces the constructs that mention them; see
 * {@link CoreBuilder}.
 */
public final class SymbolTable {

  // Split on single spaces: the empty name between "self" and "startSet" is interned there.
  private static final String[] GROUP_A =
      ("meta name value system __overrides outputs outputName __ignoreNulls file line column "
              + "outPath drvPath type __functor __toString right wrong __structuredAttrs builder "
              + "args __contentAddressed __impure outputHash outputHashAlgo outputHashMode "
              + "recurseForDerivations description self  startSet operator key path prefix builtins "
              + "true false null __currentTime currentTime __currentSystem currentSystem "
              + "__nixVersion nixVersion __storeDir storeDir __langVersion langVersion __nixPath "
              + "nixPath scopedImport import __typeOf typeOf isNull __isFunction isFunction __isInt "
              + "isInt __isFloat isFloat __isString isString __isBool isBool __isPath isPath "
              + "__genericClosure genericClosure abort throw __addErrorContext addErrorContext "
              + "__ceil ceil __floor floor __tryEval tryEval __getEnv getEnv __seq seq __deepSeq "
              + "deepSeq __trace trace derivationStrict placeholder __toPath toPath __storePath "
              + "storePath __pathExists pathExists baseNameOf dirOf __readFile readFile __findFile "
              + "findFile __hashFile hashFile __readDir readDir __toXML toXML __toJSON toJSON "
              + "__fromJSON fromJSON __toFile toFile __filterSource filterSource __path __attrNames "
              + "attrNames __attrValues attrValues __getAttr getAttr __unsafeGetAttrPos "
              + "unsafeGetAttrPos __hasAttr hasAttr __isAttrs isAttrs removeAttrs __listToAttrs "
              + "listToAttrs __intersectAttrs intersectAttrs __catAttrs catAttrs __functionArgs "
              + "functionArgs __mapAttrs mapAttrs __zipAttrsWith zipAttrsWith __isList isList "
              + "__elemAt elemAt __head head __tail tail map __filter filter __elem elem "
              + "__concatLists concatLists __length length __foldl' foldl' __any any __all all "
              + "__genList genList __sort sort __partition partition __groupBy groupBy __concatMap "
              + "concatMap __add add __sub sub __mul mul __div div __bitAnd bitAnd __bitOr bitOr "
              + "__bitXor bitXor __lessThan lessThan toString __substring substring __stringLength "
              + "stringLength __hashString hashString __match match __split split "
              + "__concatStringsSep concatStringsSep __replaceStrings replaceStrings __parseDrvName "
              + "parseDrvName __compareVersions compareVersions __splitVersion splitVersion "
              + "__unsafeDiscardStringContext unsafeDiscardStringContext __hasContext hasContext "
              + "__unsafeDiscardOutputDependency unsafeDiscardOutputDependency __getContext "
              + "getContext __appendContext appendContext fetchMercurial fetchTree __fetchurl "
              + "fetchurl fetchTarball fetchGit fromTOML derivation")
          .split(" ");

  private static final String[] GROUP_B =
      ("strict drvAttrs commonAttrs outputsList x outputToAttrListElement").split(" ");

  private static final int NEW_NAMES_BEFORE_GROUP_B = 19;
  private static final Map<String, Long> PREINTERNED = preinterned();

  /** Every name interned so far, with its key: one look-up for a name met again. */
  private final Map<String, Long> interned = new HashMap<>();

  private int newNames;
  private final NixVersion version;

  /** The symbols of a Nix 2.8 parse. */
  public SymbolTable() {
    this(NixVersion.NIX_2_8);
  }

  /**
   * The symbols of a parse by {@code version}. Nix 2.26 numbers symbols as it creates them, so the
   * order is the names it interns at start-up, then the file's in the order it interns them (the
   * start-up names are taken as 2.8's, which only matters to which undefined variable of several is
   * reported first).
   */
  public SymbolTable(NixVersion version) {
    this.version = version;
  }

  /** The Nix version whose parse these symbols belong to. */
  public NixVersion version() {
    return version;
  }

  private static Map<String, Long> preinterned() {
    Map<String, Long> keys = new HashMap<>();
    for (int i = 0; i < GROUP_A.length; i++) {
      keys.put(GROUP_A[i], (long) i);
    }
    for (int i = 0; i < GROUP_B.length; i++) {
      keys.putIfAbsent(GROUP_B[i], 3_000_000_000L + i);
    }
    return Map.copyOf(keys);
  }

  /** Records that Nix's parser creates the symbol {@code name} now. */
  public void intern(String name) {
    if (interned.containsKey(name)) {
      return;
    }
    Long key = PREINTERNED.get(name);
    if (key == null) {
      long number = ++newNames;
      if (version.atLeast(NixVersion.NIX_2_26)) {
        key = 4_000_000_000L + number;
      } else {
        key = number > NEW_NAMES_BEFORE_GROUP_B ? 1_000_000_000L + number : 2_000_000_000L + number;
      }
    }
    interned.put(name, key);
  }

  /** How many names the source has interned that Nix did not know before. */
  public int newNameCount() {
    return newNames;
  }

  /** Where {@code name} sorts among symbols; names never interned sort last, by their text. */
  public long key(String name) {
    Long key = interned.get(name);
    if (key == null) {
      key = PREINTERNED.get(name);
    }
    return key == null ? Long.MAX_VALUE : key;
  }

  /** Compares two symbols as Nix 2.8 orders them. */
  public int compare(String a, String b) {
    int byKey = Long.compare(key(a), key(b));
    return byKey != 0 ? byKey : a.compareTo(b);
  }

  /** Sorts {@code entries} by their names as Nix 2.8 orders the symbols. */
  public <V> void sortByName(List<Map.Entry<String, V>> entries) {
    if (entries.size() > 1) {
      entries.sort(new ByName<>(this));
    }
  }

  /**
   * A class rather than a lambda: a lambda the start-up cache's training run did not meet (this
   * order is 2.8's, the training parses as 2.26) is generated when first used, milliseconds of a
   * short run.
   */
  private static final class ByName<V> implements Comparator<Map.Entry<String, V>> {
    private final SymbolTable symbols;

    ByName(SymbolTable symbols) {
      this.symbols = symbols;
    }

    @Override
    public int compare(Map.Entry<String, V> a, Map.Entry<String, V> b) {
      return symbols.compare(a.getKey(), b.getKey());
    }
  }
}
