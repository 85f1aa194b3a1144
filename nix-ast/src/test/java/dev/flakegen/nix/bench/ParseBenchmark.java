package dev.flakegen.nix.bench;

import dev.flakegen.nix.ast.NixDialect;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.NixVersion;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.core.PathResolver;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedCore;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.print.CanonicalPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * In-process parse throughput on a large input. One operation parses the whole corpus; the
 * secondary result {@code bytes} counts its source bytes, so its score is the throughput in bytes
 * per second ({@code bench/jmh-parse} prints it in MB/s, MB = 10^6 bytes).
 *
 * <ul>
 *   <li>{@link #parse}: {@link SourceParser#parse} only (lexing, parsing, AST and core form);
 *   <li>{@link #parseCheckPrint}: what {@code flakegen parse --canonical} does per file: parse to
 *       the core form only ({@link SourceParser#parseCore}, no AST), the undefined-variable check,
 *       the canonical print and its encoding to bytes.
 * </ul>
 *
 * <p>The corpus is a folder of {@code .nix} files (or one file): the {@code corpus} parameter, else
 * the system property {@code flakegen.bench.corpus}, else {@code target/bench-corpus} (made by
 * {@code bench/make-corpus}). With {@code shape=combined} the folder's files make one big attribute
 * set, {@code { "REL/PATH.nix" = (TEXT); ... }} in path order, the same text as {@code
 * bench/make-corpus --combined}; with {@code shape=files} each file is parsed on its own, so
 * per-file costs count too. Inputs are read once, before timing. The parser's DFA cache is shared
 * by all parses and never cleared, so it stays warm across iterations. Forks run the default JVM
 * (G1, default heap), as a library's users do; {@code -jvmArgsAppend "-XX:+UseParallelGC -Xmn1g"}
 * measures the parallel collector with a young generation that holds several parses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
// The default JVM: what stays alive during a parse (its result, not the tokens) is what G1's young
// collections copy, so the parser keeps no more than that (see SourceParser).
@Fork(1)
public class ParseBenchmark {

  /** A folder of .nix files or one .nix file; empty: see the class comment. */
  @Param({""})
  public String corpus;

  /** {@code combined}: one attribute set of all files; {@code files}: each file on its own. */
  @Param({"combined", "files"})
  public String shape;

  /** The Nix version whose language is parsed (see {@link NixVersion}). */
  @Param({"2.26", "2.8"})
  public String nixVersion;

  private NixDialect dialect;

  private List<NixSource> sources;
  private long sourceBytes;

  /** Counts the bytes parsed; JMH reports the count per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  @Setup(Level.Trial)
  public void load() throws IOException {
    dialect = NixDialect.of(NixVersion.of(nixVersion));
    Path path = corpusPath();
    if (Files.isDirectory(path)) {
      List<Path> files = nixFiles(path);
      if (files.isEmpty()) {
        throw new IllegalStateException("no .nix files under " + path);
      }
      sources =
          shape.equals("combined")
              ? List.of(combined(path, files))
              : files.stream().map(NixSource::ofFile).collect(Collectors.toList());
    } else {
      sources = List.of(NixSource.ofFile(path));
    }
    sourceBytes = 0;
    for (NixSource source : sources) {
      sourceBytes += source.bytes().length;
      // A rejected input would time the error path: refuse it.
      try {
        StaticChecks.requireDefined(SourceParser.parse(source, dialect));
      } catch (NixErrorException e) {
        throw new IllegalStateException(
            "the corpus must be accepted by Nix, but " + e.error().format(source.name()), e);
      }
    }
  }

  @Benchmark
  public void parse(Bytes counter, Blackhole blackhole) {
    for (NixSource source : sources) {
      blackhole.consume(SourceParser.parse(source, dialect));
    }
    counter.bytes += sourceBytes;
  }

  @Benchmark
  public void parseCheckPrint(Bytes counter, Blackhole blackhole) {
    for (NixSource source : sources) {
      ParsedCore parsed = SourceParser.parseCore(source, dialect);
      StaticChecks.requireDefined(parsed);
      blackhole.consume(RawUtf8.encode(CanonicalPrinter.print(parsed)));
    }
    counter.bytes += sourceBytes;
  }

  private Path corpusPath() {
    String configured =
        !corpus.isEmpty() ? corpus : System.getProperty("flakegen.bench.corpus", "");
    if (!configured.isEmpty()) {
      return Path.of(configured).toAbsolutePath();
    }
    for (String candidate : List.of("target/bench-corpus", "nix-ast/target/bench-corpus")) {
      if (Files.isDirectory(Path.of(candidate))) {
        return Path.of(candidate).toAbsolutePath();
      }
    }
    throw new IllegalStateException(
        "no corpus: run bench/jmh-parse, or bench/make-corpus "
            + "nix-ast/target/bench-corpus, or pass -p corpus=PATH");
  }

  private static List<Path> nixFiles(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> p.toString().endsWith(".nix") && Files.isRegularFile(p))
          .sorted(Comparator.comparing(p -> folder.relativize(p).toString()))
          .collect(Collectors.toList());
    }
  }

  /** The files as one attribute set, named as if it were {@code FOLDER/combined.nix}. */
  private static NixSource combined(Path folder, List<Path> files) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    text.writeBytes("{\n".getBytes(StandardCharsets.UTF_8));
    for (Path file : files) {
      String name =
          folder
              .relativize(file)
              .toString()
              .replace("\\", "\\\\")
              .replace("\"", "\\\"")
              .replace("${", "\\${");
      text.writeBytes(("\"" + name + "\" = (\n").getBytes(StandardCharsets.UTF_8));
      try {
        text.writeBytes(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      text.writeBytes("\n);\n".getBytes(StandardCharsets.UTF_8));
    }
    text.writeBytes("}\n".getBytes(StandardCharsets.UTF_8));
    String base = PathResolver.canonical(folder.toString());
    return new NixSource(
        base + "/combined.nix",
        text.toByteArray(),
        new PathResolver(base, PathResolver.defaultHome()));
  }
}
