package dev.flakegen.bindings;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.Formal;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.build.AttrSetBuilder;
import dev.flakegen.nix.build.Nix;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.print.ReadablePrinter;
import dev.flakegen.output.AtomicWriter;
import dev.flakegen.output.FileSet;
import dev.flakegen.output.WriteReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.Generated;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * Typed Java bindings for a Nix function: finds the function at an attribute path of a Nix file
 * and generates, with JavaPoet, an immutable value class with a builder that holds one argument
 * per formal of its set pattern and renders the call as a {@code nix-ast} expression.
 *
 * <pre>{@code
 * JavaFile file = BindingsGenerator.generate(Path.of("flake.nix"), "outputs.lib",
 *     "com.example.nix", "LibArguments");           // BindingsException: what is wrong, and where
 * BindingsGenerator.write(Path.of("flake.nix"), "outputs.lib", "com.example.nix", null,
 *     Path.of("target/generated-sources/flakegen")); // writes only when the bytes differ
 * }</pre>
 *
 * <p>For {@code { a, b ? 2, ... }@args: a + b} the class has, besides the builder:
 * {@code Expr a()}, {@code Optional<Expr> b()} (empty: Nix's default {@code 2} applies),
 * {@code Map<String, Expr> extra()}, {@code AttributeSet arguments()} ({@code { a = …; }}),
 * {@code Expr call(Expr function)} ({@code function { a = …; }}), the constants
 * {@code NIX_NAMES} and {@code ACCEPTS_EXTRA}, and a nested enum {@code Formal} with each formal's
 * Nix name, whether it is required and its default's Nix text. The builder's {@code build()}
 * throws {@link IllegalStateException} naming every required Nix formal left unset, or an extra
 * attribute given to a function without {@code ...}.
 *
 * <p>The output depends only on its inputs: the same function, package and class give the same
 * bytes. Nothing here keeps state between calls.
 */
public final class BindingsGenerator {

  /** The result of {@link #write}: the file, and whether its bytes changed. */
  public record Written(Path file, boolean changed) {}

  private static final ClassName EXPR = ClassName.get(Expr.class);
  private static final ClassName NIX = ClassName.get(Nix.class);
  private static final ClassName ATTRIBUTE_SET = ClassName.get(AttributeSet.class);
  private static final ClassName ATTR_SET_BUILDER = ClassName.get(AttrSetBuilder.class);
  private static final ClassName READABLE_PRINTER = ClassName.get(ReadablePrinter.class);
  private static final TypeName EXTRA_MAP =
      ParameterizedTypeName.get(Map.class, String.class, Expr.class);

  /**
   * Simple names the generated code uses: members of the class and of {@code Object}, and the
   * types it refers to (a field of that name would hide the type).
   */
  private static final Set<String> RESERVED = Set.of("builder", "toBuilder", "arguments", "call",
      "extra", "build", "equals", "hashCode", "toString", "getClass", "notify", "notifyAll",
      "wait", "clone", "finalize", "Builder", "Formal", "Expr", "Nix", "AttributeSet",
      "AttrSetBuilder", "ReadablePrinter", "Objects", "Optional", "List", "Map", "LinkedHashMap",
      "ArrayList", "Collections", "String", "Object", "Override", "Generated",
      "IllegalStateException", "IllegalArgumentException", "NIX_NAMES", "ACCEPTS_EXTRA");

  private BindingsGenerator() {}

  /**
   * Bindings for the function at {@code attrPath} of {@code nixFile}.
   *
   * @param nixFile the Nix file (a folder means its {@code default.nix})
   * @param attrPath attribute names separated by dots ({@code outputs.lib}; a name with dots or
   *     spaces in double quotes); empty for the file's own value
   * @param packageName the Java package of the class (empty for the unnamed package)
   * @param className the class's simple name, or null for one made from the path's last name
   *     (or the file's name) and {@code Arguments}: {@code LibArguments}
   * @throws BindingsException the file does not parse ({@code FILE:LINE:COL: error: …}), the
   *     path does not lead to a function with a set pattern, or a Java name is invalid
   * @throws IOException the file cannot be read
   */
  public static JavaFile generate(Path nixFile, String attrPath, String packageName,
      String className) throws BindingsException, IOException {
    NixFunction function = find(nixFile, attrPath);
    return generate(function, packageName, className);
  }

  /** {@link #generate(Path, String, String, String)}, as source text. */
  public static String generateSource(Path nixFile, String attrPath, String packageName,
      String className) throws BindingsException, IOException {
    return generate(nixFile, attrPath, packageName, className).toString();
  }

  /**
   * Generates the bindings and writes them under {@code outDir} ({@code
   * outDir/com/example/LibArguments.java}), creating folders, with {@link AtomicWriter}: a file
   * whose bytes are already right is not touched, another is replaced atomically.
   *
   * @throws BindingsException as {@link #generate(Path, String, String, String)}; nothing is
   *     written
   * @throws IOException reading the Nix file or writing failed
   */
  public static Written write(Path nixFile, String attrPath, String packageName,
      String className, Path outDir) throws BindingsException, IOException {
    JavaFile file = generate(nixFile, attrPath, packageName, className);
    byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
    String path = file.typeSpec().name() + ".java";
    if (!file.packageName().isEmpty()) {
      path = file.packageName().replace('.', '/') + "/" + path;
    }
    // flakegen's one atomic writer: a temporary file in the same folder, synced, then moved
    WriteReport report = AtomicWriter.write(FileSet.builder().add(path, bytes).build(), outDir);
    return new Written(outDir.resolve(path),
        report.entries().get(0).status() != WriteReport.Status.UNCHANGED);
  }

  /**
   * The function at {@code attrPath} of {@code nixFile}, its formals with their defaults and doc
   * comments.
   *
   * @throws BindingsException as {@link #generate(Path, String, String, String)}
   * @throws IOException the file cannot be read
   */
  public static NixFunction find(Path nixFile, String attrPath)
      throws BindingsException, IOException {
    Objects.requireNonNull(nixFile, "nixFile");
    NixSource source;
    try {
      source = NixSource.ofFile(nixFile);
    } catch (UncheckedIOException e) {
      IOException cause = e.getCause();
      if (cause instanceof NoSuchFileException) {
        throw new NoSuchFileException(nixFile.toString(), null, "no such file");
      }
      throw cause;
    }
    return find(source, nixFile.toString(), attrPath);
  }

  /**
   * The function at {@code attrPath} of a source that is not (or not only) a file;
   * {@code displayName} names it in messages and relative imports resolve as the source says.
   */
  public static NixFunction find(NixSource source, String displayName, String attrPath)
      throws BindingsException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(displayName, "displayName");
    List<String> path = attributePath(attrPath);
    FunctionLocator.SourceFile root;
    try {
      root = new FunctionLocator.SourceFile(displayName, SourceParser.parse(source));
    } catch (NixErrorException e) {
      throw new BindingsException(displayName, e.error(), e);
    }
    FunctionLocator.Found found;
    try {
      found = new FunctionLocator().locate(root, path);
    } catch (BindingsException e) {
      if (e.nixError().isPresent()) {
        throw e;
      }
      throw new BindingsException((attrPath.isEmpty() ? "the value of " + displayName
          : "attribute path '" + attrPath + "' of " + displayName) + ": " + e.getMessage());
    }
    FormalSources sources = FormalSources.of(found.file().parsed().source());
    List<NixFormal> formals = new ArrayList<>();
    for (Formal formal : found.pattern().formals()) {
      formals.add(sources.describe(formal));
    }
    return new NixFunction(displayName, attrPath, formals, found.pattern().ellipsis(),
        found.pattern().alias(), found.file().at(found.lambda().pos()));
  }

  /**
   * The attribute names of {@code attrPath}: split at dots, a name in double quotes taken as it
   * is ({@code "a.b"}, with {@code \"} and {@code \\}).
   *
   * @throws BindingsException an empty name, or an unclosed quote
   */
  public static List<String> attributePath(String attrPath) throws BindingsException {
    Objects.requireNonNull(attrPath, "attrPath");
    List<String> names = new ArrayList<>();
    if (attrPath.isEmpty()) {
      return List.of();
    }
    int i = 0;
    while (true) {
      StringBuilder name = new StringBuilder();
      if (i < attrPath.length() && attrPath.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < attrPath.length()) {
          char c = attrPath.charAt(i++);
          if (c == '"') {
            closed = true;
            break;
          }
          if (c == '\\' && i < attrPath.length()) {
            c = attrPath.charAt(i++);
          }
          name.append(c);
        }
        if (!closed || i < attrPath.length() && attrPath.charAt(i) != '.') {
          throw new BindingsException("attribute path '" + attrPath
              + "': a quoted name must be closed and followed by '.' or the end");
        }
      } else {
        while (i < attrPath.length() && attrPath.charAt(i) != '.') {
          name.append(attrPath.charAt(i++));
        }
        if (name.length() == 0) {
          throw new BindingsException("attribute path '" + attrPath
              + "' has an empty name (quote it: \"\")");
        }
      }
      names.add(name.toString());
      if (i >= attrPath.length()) {
        return List.copyOf(names);
      }
      i++; // the dot
      if (i >= attrPath.length()) {
        throw new BindingsException("attribute path '" + attrPath + "' ends with '.'");
      }
    }
  }

  /** The class name used when none is given: {@code outputs.lib} → {@code LibArguments}. */
  public static String defaultClassName(String fileName, String attrPath)
      throws BindingsException {
    List<String> path = attributePath(attrPath);
    String base;
    if (path.isEmpty()) {
      String name = Path.of(fileName).getFileName().toString();
      base = name.endsWith(".nix") ? name.substring(0, name.length() - 4) : name;
    } else {
      base = path.get(path.size() - 1);
    }
    return JavaNames.type(base) + "Arguments";
  }

  /**
   * Bindings for a function found with {@link #find}.
   *
   * @throws BindingsException the package or class name is not a valid Java name
   */
  public static JavaFile generate(NixFunction function, String packageName, String className)
      throws BindingsException {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(packageName, "packageName");
    if (!packageName.isEmpty() && !SourceVersion.isName(packageName)) {
      throw new BindingsException("package '" + packageName + "' is not a valid Java package"
          + " name");
    }
    String name = className != null ? className
        : defaultClassName(function.fileName(), function.attrPath());
    if (!SourceVersion.isName(name) || name.contains(".") || RESERVED.contains(name)) {
      throw new BindingsException("class '" + name + "' is not a valid simple class name"
          + (RESERVED.contains(name) ? " for bindings (the generated code uses it)" : ""));
    }
    return new ClassWriter(function, packageName, name).file();
  }

  /** Text for Javadoc: HTML, inline tags, comment ends, unicode escapes made harmless. */
  static String javadocText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("@", "&#64;").replace("*/", "*&#47;").replace("\\", "&#92;")
        .replace("\r\n", "\n").replace('\r', '\n');
  }

  /** Writes one class. */
  private static final class ClassWriter {
    private final NixFunction function;
    private final String packageName;
    private final ClassName self;
    private final ClassName builder;
    private final ClassName formalEnum;
    private final List<NixFormal> formals;
    private final List<String> javaNames;
    private final List<String> constants;

    ClassWriter(NixFunction function, String packageName, String className) {
      this.function = function;
      this.packageName = packageName;
      this.self = ClassName.get(packageName, className);
      this.builder = self.nestedClass("Builder");
      this.formalEnum = self.nestedClass("Formal");
      this.formals = function.formals();
      List<String> nixNames = formals.stream().map(NixFormal::nixName).toList();
      Set<String> reserved = new java.util.HashSet<>(RESERVED);
      reserved.add(className);
      this.javaNames = JavaNames.members(nixNames, reserved);
      this.constants = JavaNames.constants(javaNames, Set.of());
    }

    JavaFile file() {
      TypeSpec.Builder type = TypeSpec.classBuilder(self)
          .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
          .addAnnotation(AnnotationSpec.builder(Generated.class)
              .addMember("value", "$S", BindingsGenerator.class.getName()).build())
          .addJavadoc("$L", classDoc());

      type.addField(FieldSpec.builder(boolean.class, "ACCEPTS_EXTRA", Modifier.PUBLIC,
              Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("Whether the function takes attributes beyond its formals ($L).\n",
              function.ellipsis() ? "its pattern has {@code ...}" : "its pattern has no"
                  + " {@code ...}, so {@link Builder#extra} is refused")
          .initializer("$L", function.ellipsis())
          .build());
      type.addField(FieldSpec.builder(ParameterizedTypeName.get(List.class, String.class),
              "NIX_NAMES", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("The Nix names of the formals, in the order of the source.\n")
          .initializer("$T.of($L)", List.class, formals.stream()
              .map(f -> CodeBlock.of("$S", f.nixName())).collect(CodeBlock.joining(", ")))
          .build());

      for (int i = 0; i < formals.size(); i++) {
        type.addField(EXPR, javaNames.get(i), Modifier.PRIVATE, Modifier.FINAL);
      }
      type.addField(EXTRA_MAP, "extra", Modifier.PRIVATE, Modifier.FINAL);

      MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
          .addModifiers(Modifier.PRIVATE)
          .addParameter(builder, "builder");
      for (String javaName : javaNames) {
        constructor.addStatement("this.$N = builder.$N", javaName, javaName);
      }
      constructor.addStatement("this.extra = $T.unmodifiableMap(new $T<>(builder.extra))",
          Collections.class, LinkedHashMap.class);
      type.addMethod(constructor.build());

      type.addMethod(MethodSpec.methodBuilder("builder")
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .returns(builder)
          .addJavadoc("A builder with no argument set.\n")
          .addStatement("return new $T()", builder)
          .build());
      MethodSpec.Builder toBuilder = MethodSpec.methodBuilder("toBuilder")
          .addModifiers(Modifier.PUBLIC)
          .returns(builder)
          .addJavadoc("A builder holding these arguments.\n")
          .addStatement("$T builder = new $T()", builder, builder);
      for (String javaName : javaNames) {
        toBuilder.addStatement("builder.$N = this.$N", javaName, javaName);
      }
      toBuilder.addStatement("builder.extra.putAll(this.extra)").addStatement("return builder");
      type.addMethod(toBuilder.build());

      for (int i = 0; i < formals.size(); i++) {
        NixFormal formal = formals.get(i);
        String javaName = javaNames.get(i);
        MethodSpec.Builder accessor = MethodSpec.methodBuilder(javaName)
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("$L", propertyDoc(formal));
        if (formal.required()) {
          accessor.returns(EXPR).addStatement("return this.$N", javaName);
        } else {
          accessor.returns(ParameterizedTypeName.get(ClassName.get(Optional.class), EXPR))
              .addJavadoc("\n@return the argument, or empty when Nix's default applies\n")
              .addStatement("return $T.ofNullable(this.$N)", Optional.class, javaName);
        }
        type.addMethod(accessor.build());
      }

      type.addMethod(MethodSpec.methodBuilder("extra")
          .addModifiers(Modifier.PUBLIC)
          .returns(EXTRA_MAP)
          .addJavadoc("The attributes passed beyond the formals, by Nix name, in the order they"
              + " were added.\n")
          .addStatement("return this.extra")
          .build());

      MethodSpec.Builder arguments = MethodSpec.methodBuilder("arguments")
          .addModifiers(Modifier.PUBLIC)
          .returns(ATTRIBUTE_SET)
          .addJavadoc("The argument set {@code { name = value; ... }}: the formals that are set,"
              + " in the source's order, then the extra attributes. Names are quoted where Nix"
              + " needs it.\n")
          .addStatement("$T set = $T.set()", ATTR_SET_BUILDER, NIX);
      for (int i = 0; i < formals.size(); i++) {
        if (formals.get(i).required()) {
          arguments.addStatement("set = set.attr($S, this.$N)", formals.get(i).nixName(),
              javaNames.get(i));
        } else {
          arguments.beginControlFlow("if (this.$N != null)", javaNames.get(i))
              .addStatement("set = set.attr($S, this.$N)", formals.get(i).nixName(),
                  javaNames.get(i))
              .endControlFlow();
        }
      }
      arguments.beginControlFlow("for ($T.Entry<String, $T> entry : this.extra.entrySet())",
              Map.class, EXPR)
          .addStatement("set = set.attr(entry.getKey(), entry.getValue())")
          .endControlFlow()
          .addStatement("return set.build()");
      type.addMethod(arguments.build());

      type.addMethod(MethodSpec.methodBuilder("call")
          .addModifiers(Modifier.PUBLIC)
          .returns(EXPR)
          .addParameter(EXPR, "function")
          .addJavadoc("The call {@code function { ... }} of {@code function} (for example the"
              + " function's attribute path) with {@link #arguments()}.\n")
          .addStatement("$T.requireNonNull(function, $S)", Objects.class, "function")
          .addStatement("return $T.apply(function, arguments())", NIX)
          .build());

      CodeBlock.Builder equality = CodeBlock.builder().add("return other instanceof $T that", self);
      for (String javaName : javaNames) {
        equality.add("\n&& $T.equals(this.$N, that.$N)", Objects.class, javaName, javaName);
      }
      equality.add("\n&& this.extra.equals(that.extra)");
      type.addMethod(MethodSpec.methodBuilder("equals")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .returns(boolean.class)
          .addParameter(Object.class, "other")
          .addStatement("$L", equality.build())
          .build());
      List<CodeBlock> hashed = new ArrayList<>();
      javaNames.forEach(javaName -> hashed.add(CodeBlock.of("this.$N", javaName)));
      hashed.add(CodeBlock.of("this.extra"));
      type.addMethod(MethodSpec.methodBuilder("hashCode")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .returns(int.class)
          .addStatement("return $T.hash($L)", Objects.class, CodeBlock.join(hashed, ", "))
          .build());
      type.addMethod(MethodSpec.methodBuilder("toString")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .returns(String.class)
          .addJavadoc("The class's name and the argument set, printed as Nix.\n")
          .addStatement("return $S + $T.print(arguments())", self.simpleName() + " ",
              READABLE_PRINTER)
          .build());

      if (!formals.isEmpty()) {
        type.addType(formalEnum());
      }
      type.addType(builderType());
      return JavaFile.builder(packageName, type.build())
          .indent("  ")
          .skipJavaLangImports(true)
          .build();
    }

    private String classDoc() {
      StringBuilder doc = new StringBuilder();
      String fileName = Path.of(function.fileName()).getFileName().toString();
      doc.append("The arguments of the Nix function ")
          .append(function.attrPath().isEmpty() ? "that is the value"
              : "at <code>" + javadocText(function.attrPath()) + "</code>")
          .append(" of <code>").append(javadocText(fileName)).append("</code>");
      doc.append(formals.isEmpty() ? ", which has no formals" : ": ")
          .append(formals.stream().map(f -> "<code>" + javadocText(f.nixName()) + "</code>"
              + (f.required() ? "" : " (optional)"))
              .collect(Collectors.joining(", ")))
          .append(function.ellipsis() ? ", and any other attribute (<code>...</code>)" : "")
          .append(".\n");
      function.alias().ifPresent(alias -> doc.append("The function binds the whole argument set"
          + " to <code>").append(javadocText(alias)).append("</code>.\n"));
      doc.append("\n<p>Build an instance with {@link #builder()}; {@link #call(Expr)} renders"
          + " the call as a Nix expression.\n");
      doc.append("\n<p>Generated by flakegen from <code>").append(javadocText(fileName))
          .append("</code>; do not edit. Regenerate with <code>flakegen bindings ")
          .append(javadocText(fileName));
      if (!function.attrPath().isEmpty()) {
        doc.append(" --function ").append(javadocText(function.attrPath()));
      }
      doc.append(packageName.isEmpty() ? "" : " --package " + packageName)
          .append(" --class ").append(self.simpleName()).append(" --out DIR</code>.\n");
      return doc.toString();
    }

    private static String propertyDoc(NixFormal formal) {
      StringBuilder doc = new StringBuilder();
      doc.append("The Nix formal <code>").append(javadocText(formal.nixName())).append("</code>");
      if (formal.required()) {
        doc.append(", required.\n");
      } else {
        doc.append(", optional; Nix's default: <code>")
            .append(javadocText(formal.defaultText().orElseThrow())).append("</code>.\n");
      }
      formal.doc().ifPresent(text -> doc.append("\n<p>").append(javadocText(text)).append('\n'));
      return doc.toString();
    }

    private TypeSpec formalEnum() {
      TypeSpec.Builder type = TypeSpec.enumBuilder(formalEnum)
          .addModifiers(Modifier.PUBLIC)
          .addJavadoc("The formals of the function: Nix name, whether required, default.\n");
      for (int i = 0; i < formals.size(); i++) {
        NixFormal formal = formals.get(i);
        type.addEnumConstant(constants.get(i), TypeSpec.anonymousClassBuilder("$S, $S",
                formal.nixName(), formal.defaultText().orElse(null))
            .addJavadoc("$L", propertyDoc(formal))
            .build());
      }
      type.addField(String.class, "nixName", Modifier.PRIVATE, Modifier.FINAL)
          .addField(String.class, "defaultNix", Modifier.PRIVATE, Modifier.FINAL)
          .addMethod(MethodSpec.constructorBuilder()
              .addParameter(String.class, "nixName")
              .addParameter(String.class, "defaultNix")
              .addStatement("this.nixName = nixName")
              .addStatement("this.defaultNix = defaultNix")
              .build())
          .addMethod(MethodSpec.methodBuilder("nixName")
              .addModifiers(Modifier.PUBLIC)
              .returns(String.class)
              .addJavadoc("The formal's name in Nix.\n")
              .addStatement("return this.nixName")
              .build())
          .addMethod(MethodSpec.methodBuilder("required")
              .addModifiers(Modifier.PUBLIC)
              .returns(boolean.class)
              .addJavadoc("Whether a call must give it (it has no default).\n")
              .addStatement("return this.defaultNix == null")
              .build())
          .addMethod(MethodSpec.methodBuilder("defaultNix")
              .addModifiers(Modifier.PUBLIC)
              .returns(ParameterizedTypeName.get(Optional.class, String.class))
              .addJavadoc("Its default as written in the Nix source, if it has one.\n")
              .addStatement("return $T.ofNullable(this.defaultNix)", Optional.class)
              .build());
      return type.build();
    }

    private TypeSpec builderType() {
      TypeSpec.Builder type = TypeSpec.classBuilder(builder)
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("A mutable builder of {@link $T}; {@link #build()} checks it.\n", self);
      for (String javaName : javaNames) {
        type.addField(EXPR, javaName, Modifier.PRIVATE);
      }
      type.addField(FieldSpec.builder(EXTRA_MAP, "extra", Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new $T<>()", LinkedHashMap.class).build());
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

      for (int i = 0; i < formals.size(); i++) {
        NixFormal formal = formals.get(i);
        String javaName = javaNames.get(i);
        String doc = propertyDoc(formal);
        type.addMethod(MethodSpec.methodBuilder(javaName)
            .addModifiers(Modifier.PUBLIC)
            .returns(builder)
            .addParameter(EXPR, "value")
            .addJavadoc("$L", doc)
            .addJavadoc("\n@param value any Nix expression; null unsets it\n")
            .addStatement("this.$N = value", javaName)
            .addStatement("return this")
            .build());
        type.addMethod(MethodSpec.methodBuilder(javaName)
            .addModifiers(Modifier.PUBLIC)
            .returns(builder)
            .addParameter(String.class, "value")
            .addJavadoc("Sets <code>$L</code> to a Nix string, escaped as Nix needs it.\n",
                javadocText(formal.nixName()))
            .addStatement("return $N($T.string(value))", javaName, NIX)
            .build());
        type.addMethod(MethodSpec.methodBuilder(javaName)
            .addModifiers(Modifier.PUBLIC)
            .returns(builder)
            .addParameter(boolean.class, "value")
            .addJavadoc("Sets <code>$L</code> to {@code true} or {@code false}.\n",
                javadocText(formal.nixName()))
            .addStatement("return $N($T.bool(value))", javaName, NIX)
            .build());
        type.addMethod(MethodSpec.methodBuilder(javaName)
            .addModifiers(Modifier.PUBLIC)
            .returns(builder)
            .addParameter(long.class, "value")
            .addJavadoc("Sets <code>$L</code> to a Nix integer.\n",
                javadocText(formal.nixName()))
            .addStatement("return $N($T.integer(value))", javaName, NIX)
            .build());
      }

      MethodSpec.Builder extra = MethodSpec.methodBuilder("extra")
          .addModifiers(Modifier.PUBLIC)
          .returns(builder)
          .addParameter(String.class, "nixName")
          .addParameter(EXPR, "value")
          .addJavadoc("Passes the attribute {@code nixName} beyond the formals"
              + (function.ellipsis() ? "" : " (refused by {@link #build()}: the function has"
                  + " no {@code ...})") + ".\n")
          .addJavadoc("\n@throws IllegalArgumentException {@code nixName} is one of the"
              + " formals (use its setter)\n")
          .addStatement("$T.requireNonNull(nixName, $S)", Objects.class, "nixName")
          .addStatement("$T.requireNonNull(value, $S)", Objects.class, "value")
          .beginControlFlow("if (NIX_NAMES.contains(nixName))")
          .addStatement("throw new IllegalArgumentException($S + nixName + $S)",
              self.simpleName() + ": '", "' is a formal of the function; set it with its own"
                  + " method")
          .endControlFlow()
          .addStatement("this.extra.put(nixName, value)")
          .addStatement("return this");
      type.addMethod(extra.build());

      MethodSpec.Builder build = MethodSpec.methodBuilder("build")
          .addModifiers(Modifier.PUBLIC)
          .returns(self)
          .addJavadoc("The arguments.\n\n@throws IllegalStateException naming each required Nix"
              + " formal that is not set, or the extra attributes of a function without"
              + " {@code ...}\n");
      boolean anyRequired = formals.stream().anyMatch(NixFormal::required);
      if (anyRequired) {
        build.addStatement("$T<String> missing = new $T<>()", List.class, ArrayList.class);
        for (int i = 0; i < formals.size(); i++) {
          if (formals.get(i).required()) {
            build.beginControlFlow("if (this.$N == null)", javaNames.get(i))
                .addStatement("missing.add($S)", "'" + formals.get(i).nixName() + "' (set with "
                    + javaNames.get(i) + "(...))")
                .endControlFlow();
          }
        }
        build.beginControlFlow("if (!missing.isEmpty())")
            .addStatement("throw new IllegalStateException($S + String.join($S, missing))",
                self.simpleName() + ": missing the required Nix formal(s) ", ", ")
            .endControlFlow();
      }
      if (!function.ellipsis()) {
        build.beginControlFlow("if (!this.extra.isEmpty())")
            .addStatement("throw new IllegalStateException($S + this.extra.keySet())",
                self.simpleName() + ": the function has no '...', so it takes no other"
                    + " attributes; given ")
            .endControlFlow();
      }
      build.addStatement("return new $T(this)", self);
      type.addMethod(build.build());
      return type.build();
    }
  }
}
