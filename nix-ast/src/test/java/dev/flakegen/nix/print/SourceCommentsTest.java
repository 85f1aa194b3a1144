package dev.flakegen.nix.print;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.parse.NixSource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceCommentsTest {

  private static SourceComments.Scan scan(String text) {
    return SourceComments.scan(NixSource.ofString(text, Path.of("/tmp")));
  }

  @Test
  void findsLineAndBlockCommentsWithPositions() {
    SourceComments.Scan scan = scan("# a\n1 /* b\n c */ + 2 # d\r\n");
    assertThat(scan.comments()).extracting(SourceComments.Comment::text)
        .containsExactly("# a", "/* b\n c */", "# d");
    assertThat(scan.comments()).extracting(c -> c.pos().line() + ":" + c.pos().column())
        .containsExactly("1:1", "2:3", "3:11");
    assertThat(scan.comments()).extracting(SourceComments.Comment::kind).containsExactly(
        SourceComments.Kind.LINE, SourceComments.Kind.BLOCK, SourceComments.Kind.LINE);
  }

  @Test
  void commentCharactersInStringsAndPathsAreNotComments() {
    assertThat(scan("[ \"# a /* b */\" ''# c'' http://x.org/a ]").comments()).isEmpty();
  }

  @Test
  void aHeaderIsLineCommentsBeforeTheFirstToken() {
    assertThat(scan("# one\n#\n#two  \n  # three\n1 + 2").header())
        .contains(List.of("one", "", "two", "three"));
    assertThat(scan("1").header()).contains(List.of());
  }

  @Test
  void otherCommentsAreNoHeader() {
    assertThat(scan("# one\n1 # two").header()).isEmpty();
    assertThat(scan("# one\n1 # two").firstUnsupported().get().text()).isEqualTo("# two");
    assertThat(scan("/* one */ 1").header()).isEmpty();
    assertThat(scan("1 /* one */").header()).isEmpty();
  }
}
