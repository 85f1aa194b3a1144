package dev.flakegen.nix.check;

import dev.flakegen.nix.ast.NixError;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.NixVersion;
import dev.flakegen.nix.core.CanonicalText;
import dev.flakegen.nix.core.CoreExpr;
import dev.flakegen.nix.core.CoreExpr.AttrDef;
import dev.flakegen.nix.core.CoreExpr.AttrName;
import dev.flakegen.nix.core.CoreExpr.Attrs;
import dev.flakegen.nix.core.CoreExpr.Call;
import dev.flakegen.nix.core.CoreExpr.DynamicAttr;
import dev.flakegen.nix.core.CoreExpr.Formal;
import dev.flakegen.nix.core.DeepStack;
import dev.flakegen.nix.core.SymbolTable;
import dev.flakegen.nix.parse.ParsedCore;
import dev.flakegen.nix.parse.ParsedSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The check Nix runs right after parsing (in the order of the parse's Nix version, which its {@link
 * SymbolTable} carries): every variable must be bound lexically (or sit inside a {@code with}). The
 * walk follows Nix's own order, so the first undefined variable found is the one Nix reports.
 */
public final class StaticChecks {

  /** The names Nix 2.8 defines at the top level (default configuration, not pure). */
  public static final Set<String> GLOBAL_NAMES =
      Set.of(
          ("abort baseNameOf builtins derivation derivationStrict dirOf false fetchGit "
                  + "fetchMercurial fetchTarball fetchTree fromTOML import isNull map null placeholder "
                  + "removeAttrs scopedImport throw toString true __add __addErrorContext __all __any "
                  + "__appendContext __attrNames __attrValues __bitAnd __bitOr __bitXor __catAttrs "
                  + "__ceil __compareVersions __concatLists __concatMap __concatStringsSep "
                  + "__currentSystem __currentTime __deepSeq __div __elem __elemAt __fetchurl __filter "
                  + "__filterSource __findFile __floor __foldl' __fromJSON __functionArgs __genList "
                  + "__genericClosure __getAttr __getContext __getEnv __groupBy __hasAttr __hasContext "
                  + "__hashFile __hashString __head __intersectAttrs __isAttrs __isBool __isFloat "
                  + "__isFunction __isInt __isList __isPath __isString __langVersion __length "
                  + "__lessThan __listToAttrs __mapAttrs __match __mul __nixPath __nixVersion "
                  + "__parseDrvName __partition __path __pathExists __readDir __readFile "
                  + "__replaceStrings __seq __sort __split __splitVersion __storeDir __storePath "
                  + "__stringLength __sub __substring __tail __toFile __toJSON __toPath __toXML __trace "
                  + "__tryEval __typeOf __unsafeDiscardOutputDependency __unsafeDiscardStringContext "
                  + "__unsafeGetAttrPos __zipAttrsWith")
              .split(" "));

  /**
   * The names Nix 2.26 defines at the top level with its default settings (no experimental
   * features: {@code fetchTree} needs {@code flakes}), found by asking it for each builtin.
   */
  public static final Set<String> GLOBAL_NAMES_2_26 =
      Set.of(
          ("abort baseNameOf break builtins derivation derivationStrict dirOf false fetchGit "
                  + "fetchMercurial fetchTarball fromTOML import isNull map null placeholder "
                  + "removeAttrs scopedImport throw toString true __add __addDrvOutputDependencies "
                  + "__addErrorContext __all __any __appendContext __attrNames __attrValues __bitAnd "
                  + "__bitOr __bitXor __catAttrs __ceil __compareVersions __concatLists __concatMap "
                  + "__concatStringsSep __convertHash __currentSystem __currentTime __deepSeq __div "
                  + "__elem __elemAt __fetchurl __filter __filterSource __findFile __floor __foldl' "
                  + "__fromJSON __functionArgs __genList __genericClosure __getAttr __getContext "
                  + "__getEnv __groupBy __hasAttr __hasContext __hashFile __hashString __head "
                  + "__intersectAttrs __isAttrs __isBool __isFloat __isFunction __isInt __isList "
                  + "__isPath __isString __langVersion __length __lessThan __listToAttrs __mapAttrs "
                  + "__match __mul __nixPath __nixVersion __parseDrvName __partition __path "
                  + "__pathExists __readDir __readFile __readFileType __replaceStrings __seq __sort "
                  + "__split __splitVersion __storeDir __storePath __stringLength __sub __substring "
                  + "__tail __toFile __toJSON __toPath __toXML __trace __traceVerbose __tryEval "
                  + "__typeOf __unsafeDiscardOutputDependency __unsafeDiscardStringContext "
                  + "__unsafeGetAttrPos __warn __zipAttrsWith")
              .split(" "));

  private final SymbolTable symbols;
  private final boolean modern;

  /** Whether bindings are walked in Nix's order, which only matters to which error comes first. */
  private final boolean inNixOrder;

  private StaticChecks(SymbolTable symbols, boolean inNixOrder) {
    this.symbols = symbols;
    this.modern = symbols.version().atLeast(NixVersion.NIX_2_26);
    this.inNixOrder = inNixOrder;
  }

  /** The names {@code version} defines at the top level. */
  public static Set<String> globalNames(NixVersion version) {
    return version.atLeast(NixVersion.NIX_2_26) ? GLOBAL_NAMES_2_26 : GLOBAL_NAMES;
  }

  /** The first undefined variable of a parsed source, as Nix reports it, if any. */
  public static Optional<NixError> undefinedVariable(ParsedSource parsed) {
    return undefinedVariable(parsed.core(), parsed.symbols());
  }

  /**
   * The first undefined variable in {@code core}, whose symbols were interned in {@code symbols}.
   */
  public static Optional<NixError> undefinedVariable(CoreExpr core, SymbolTable symbols) {
    // Whether a variable is undefined does not depend on the order of the walk, only which one
    // Nix reports first does: a walk in any order (no sorting) first, Nix's order only on error.
    if (walk(core, symbols, false).isEmpty()) {
      return Optional.empty();
    }
    return walk(core, symbols, true);
  }

  private static Optional<NixError> walk(CoreExpr core, SymbolTable symbols, boolean inNixOrder) {
    try {
      DeepStack.call(
          () -> {
            new StaticChecks(symbols, inNixOrder)
                .bind(core, new Scope(false, globalNames(symbols.version()), null));
            return null;
          });
      return Optional.empty();
    } catch (NixErrorException e) {
      return Optional.of(e.error());
    }
  }

  /** Throws Nix's error if a variable of {@code parsed} is undefined. */
  public static void requireDefined(ParsedSource parsed) {
    undefinedVariable(parsed)
        .ifPresent(
            error -> {
              throw new NixErrorException(error);
            });
  }

  /** Throws Nix's error if a variable of {@code parsed} is undefined. */
  public static void requireDefined(ParsedCore parsed) {
    undefinedVariable(parsed.core(), parsed.symbols())
        .ifPresent(
            error -> {
              throw new NixErrorException(error);
            });
  }

  private record Scope(boolean isWith, Collection<String> names, Scope up) {}

  private void bind(CoreExpr expr, Scope scope) {
    if (expr instanceof CoreExpr.Var v) {
      lookup(v, scope);
    } else if (expr instanceof CoreExpr.Select s) {
      bind(s.target(), scope);
      if (s.fallback() != null) {
        bind(s.fallback(), scope);
      }
      bindDynamic(s.path(), scope);
    } else if (expr instanceof CoreExpr.HasAttr h) {
      bind(h.target(), scope);
      bindDynamic(h.path(), scope);
    } else if (expr instanceof Attrs a) {
      attrs(a, scope);
    } else if (expr instanceof CoreExpr.ListOf l) {
      for (CoreExpr item : l.items()) {
        bind(item, scope);
      }
    } else if (expr instanceof CoreExpr.Lambda l) {
      Set<String> names = new HashSet<>();
      if (!l.arg().isEmpty()) {
        names.add(l.arg());
      }
      if (l.formals() != null) {
        for (Formal formal : l.formals()) {
          names.add(formal.name());
        }
      }
      Scope inner = new Scope(false, names, scope);
      if (l.formals() != null) {
        for (Formal formal : l.formals()) {
          if (formal.fallback() != null) {
            bind(formal.fallback(), inner);
          }
        }
      }
      bind(l.body(), inner);
    } else if (expr instanceof Call c) {
      bind(c.function(), scope);
      for (CoreExpr argument : c.arguments()) {
        bind(argument, scope);
      }
    } else if (expr instanceof CoreExpr.Let l && modern) {
      Scope inner = new Scope(false, l.attrs().statics().keySet(), scope);
      bindings(l.attrs(), inner, scope);
      bind(l.body(), inner);
    } else if (expr instanceof CoreExpr.Let l) {
      Scope inner = new Scope(false, l.attrs().statics().keySet(), scope);
      for (Map.Entry<String, AttrDef> entry : inSymbolOrder(l.attrs())) {
        bind(entry.getValue().value(), entry.getValue().inherited() ? scope : inner);
      }
      bind(l.body(), inner);
    } else if (expr instanceof CoreExpr.With w) {
      bind(w.scope(), scope);
      bind(w.body(), new Scope(true, Set.of(), scope));
    } else if (expr instanceof CoreExpr.If i) {
      bind(i.condition(), scope);
      bind(i.consequent(), scope);
      bind(i.alternative(), scope);
    } else if (expr instanceof CoreExpr.Assert a) {
      bind(a.condition(), scope);
      bind(a.body(), scope);
    } else if (expr instanceof CoreExpr.Not n) {
      bind(n.operand(), scope);
    } else if (expr instanceof CoreExpr.Binary b) {
      bind(b.left(), scope);
      bind(b.right(), scope);
    } else if (expr instanceof CoreExpr.Concat c) {
      for (CoreExpr part : c.parts()) {
        bind(part, scope);
      }
    }
  }

  /**
   * Nix 2.26's order: the {@code inherit (e)} sources (in {@code inner}), then the attributes in
   * symbol order (inherited ones looked up in {@code outer}), as for sets and {@code let}.
   */
  private void bindings(Attrs attrs, Scope inner, Scope outer) {
    for (CoreExpr from : attrs.inheritFrom()) {
      bind(from, inner);
    }
    for (Map.Entry<String, AttrDef> entry : inSymbolOrder(attrs)) {
      AttrDef def = entry.getValue();
      if (def.inherited()) {
        bind(def.value(), outer);
      } else if (def.fromIndex() < 0) {
        bind(def.value(), inner);
      }
    }
  }

  private void attrs(Attrs attrs, Scope scope) {
    if (modern) {
      Scope inner = attrs.recursive() ? new Scope(false, attrs.statics().keySet(), scope) : scope;
      bindings(attrs, inner, scope);
      for (DynamicAttr dynamic : attrs.dynamics()) {
        bind(dynamic.name(), inner);
        bind(dynamic.value(), inner);
      }
      return;
    }
    Scope dynamicScope = scope;
    if (attrs.recursive()) {
      Scope inner = new Scope(false, attrs.statics().keySet(), scope);
      dynamicScope = inner;
      for (Map.Entry<String, AttrDef> entry : inSymbolOrder(attrs)) {
        bind(entry.getValue().value(), entry.getValue().inherited() ? scope : inner);
      }
    } else {
      for (Map.Entry<String, AttrDef> entry : inSymbolOrder(attrs)) {
        bind(entry.getValue().value(), scope);
      }
    }
    for (DynamicAttr dynamic : attrs.dynamics()) {
      bind(dynamic.name(), dynamicScope);
      bind(dynamic.value(), dynamicScope);
    }
  }

  private Collection<Map.Entry<String, AttrDef>> inSymbolOrder(Attrs attrs) {
    if (!inNixOrder) {
      return attrs.statics().entrySet();
    }
    List<Map.Entry<String, AttrDef>> entries = new ArrayList<>(attrs.statics().entrySet());
    symbols.sortByName(entries);
    return entries;
  }

  private void bindDynamic(List<AttrName> path, Scope scope) {
    for (AttrName name : path) {
      if (!name.isStatic()) {
        bind(name.expr(), scope);
      }
    }
  }

  private void lookup(CoreExpr.Var variable, Scope scope) {
    boolean withSeen = false;
    for (Scope s = scope; s != null; s = s.up()) {
      if (s.isWith()) {
        withSeen = true;
      } else if (s.names().contains(variable.name())) {
        return;
      }
    }
    if (!withSeen) {
      throw new NixErrorException(
          new NixError(
              "undefined variable '" + CanonicalText.name(variable.name(), symbols.version()) + "'",
              variable.pos()));
    }
  }
}
