package io.ecd.commands.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ecd.command.FieldRef;
import io.ecd.command.Record;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AgentSearchTest {
  private static final FieldRef CLIENT = new FieldRef("ClientInfoString");

  /** The reference: the documented like(lower(ClientInfoString), "%pattern%"), pattern by pattern. */
  private static String reference(List<String> patterns, String value) {
    if (value.isEmpty()) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    return patterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).filter(lower::contains)
        .findFirst().orElse(null);
  }

  /** The search on {@code value} as a String and as UTF-8 bytes in the middle of a larger array. */
  private static void assertFindsAsTheReference(List<String> patterns, AgentSearch search, String value) {
    String expected = reference(patterns, value);
    assertEquals(expected, search.first(value), () -> "patterns " + patterns + ", String " + value);
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    // bytes on either side that would match if the search strayed out of its range
    byte[] padded = new byte[utf8.length + 16];
    byte[] around = "mailsniperpython".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(around, 0, padded, 0, 8);
    System.arraycopy(utf8, 0, padded, 8, utf8.length);
    System.arraycopy(around, 8, padded, 8 + utf8.length, 8);
    Record event = Record.of("ClientInfoString", value);
    assertEquals(expected, search.first(padded, 8, 8 + utf8.length, event, CLIENT),
        () -> "patterns " + patterns + ", bytes of " + value);
  }

  @Test
  void findsWhatLowerCasingTheValueAndSearchingEachPatternFindsInValuesOfAnyLength() {
    List<List<String>> patternLists = List.of(
        Scorer.DOCUMENTED_AGENTS,
        // six distinct first characters, some not letters: the eight-byte scan
        List.of("ab", "/b", "-k", "1i", "kk", "zz"),
        // a single character among them
        List.of("zz", "k", "/b"),
        // seven distinct first characters: byte by byte
        List.of("ab", "b", "ba", "k", "i", "/x", ".y", "-z"),
        // a first character without the case bit (@, _): byte by byte
        List.of("@a", "b"), List.of("k", "_b"),
        List.of("zoë", "ab"), List.of("a", ""),
        IntStream.range(0, 65).mapToObj(i -> i == 64 ? "a" : "x" + i).toList());
    // letters of both cases, bytes that OR-ed with 0x20 equal a pattern's first (0x0f and '/',
    // '@' and '`'), non-ASCII characters, two that lower-case to ASCII (Kelvin, dotted I)
    String alphabet = "aAbBkKiIzZ/-.1 @`_\u000f\r\u212a\u0130\u00eb\u00cb";
    Random random = new Random(7);
    for (List<String> patterns : patternLists) {
      AgentSearch search = new AgentSearch(patterns);
      for (int t = 0; t < 4_000; t++) {
        StringBuilder b = new StringBuilder();
        for (int k = random.nextInt(t % 2 == 0 ? 12 : 60); k > 0; k--) {
          if (random.nextInt(10) == 0) {
            String p = patterns.get(random.nextInt(patterns.size()));
            b.append(random.nextBoolean() ? p.toUpperCase(Locale.ROOT) : p);
          } else {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
        }
        assertFindsAsTheReference(patterns, search, b.toString());
      }
    }
  }

  @Test
  void findsAPatternAtEveryOffsetOfALongAsciiValue() {
    AgentSearch search = new AgentSearch(Scorer.DOCUMENTED_AGENTS);
    String filler = "Client=WebServices;Microsoft Office/16.0 (Windows NT 10.0; Win64; x64) Gecko;";
    for (String pattern : List.of("wget", "CURL/", "Go-Http-Client", "MailSniper")) {
      for (int at = 0; at <= filler.length(); at++) {
        String value = filler.substring(0, at) + pattern + filler.substring(at);
        assertFindsAsTheReference(Scorer.DOCUMENTED_AGENTS, search, value);
        // cut short by one character at the end: not found
        String cut = filler.substring(0, at) + pattern.substring(0, pattern.length() - 1);
        assertFindsAsTheReference(Scorer.DOCUMENTED_AGENTS, search, cut);
      }
    }
  }

  @Test
  void findsAOneCharacterPatternAsTheLastByteOfAnEightByteWord() {
    AgentSearch search = new AgentSearch(List.of("zz", "k"));
    assertEquals("k", search.first("abcdefgK"));
    assertEquals("k", search.first("abcdefghijklmnoK"));
    assertEquals("zz", search.first("abcdefgKzz"));
    assertNull(search.first("abcdefgZ"));
  }

  @Test
  void aValueNotAsciiIsSearchedLowerCasedByTheJdk() {
    AgentSearch search = new AgentSearch(List.of("kelvin"));
    // U+212A KELVIN SIGN lower-cases to an ASCII k
    assertEquals("kelvin", search.first("Tool \u212aELVIN 1.0 padded past eight bytes"));
    assertNull(search.first("Tool \u00ebELVIN 1.0 padded past eight bytes"));
  }
}
