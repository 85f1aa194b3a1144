package dev.flakegen.render;

import dev.flakegen.examples.Examples;
import dev.flakegen.model.Flake;
import dev.flakegen.output.FileSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Prints the SHA-256 of every file of every example and of the hostile flake, one line each, in
 * ASCII: {@link DeterminismTest} runs it in JVMs with other locales and default charsets.
 */
public final class DeterminismMain {

  private DeterminismMain() {}

  static List<String> digests() {
    List<String> lines = new ArrayList<>();
    List<Flake> flakes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String name : Examples.names()) {
      flakes.add(Examples.get(name).flake());
      names.add(name);
    }
    flakes.add(HostileStringsTest.flake());
    names.add("hostile");
    for (int i = 0; i < flakes.size(); i++) {
      FileSet files = FlakeRenderer.render(flakes.get(i),
          dev.flakegen.output.GeneratedHeader.of("Model", "regenerate"));
      for (String path : files.paths()) {
        lines.add(names.get(i) + "/" + path + " " + sha256(files.bytes(path)));
      }
    }
    return lines;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) {
    StringBuilder out = new StringBuilder();
    for (String line : digests()) {
      out.append(line).append('\n');
    }
    System.out.write(out.toString().getBytes(StandardCharsets.US_ASCII), 0,
        out.length());
    System.out.flush();
  }
}
