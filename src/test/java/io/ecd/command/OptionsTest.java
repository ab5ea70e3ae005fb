package io.ecd.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionsTest {
  enum Keep { SUSPICIOUS, ALL }

  private static Options parse(String... args) {
    return Options.parse("cmd", List.of(args));
  }

  @Test
  void readsTypedValuesWithFallbacks() {
    Options o = parse("threshold=2.5", "min_samples=7", "keep=all", "robust=t", "field=bytes_out");
    assertEquals(2.5, o.number("threshold", 3, 0, 100));
    assertEquals(7, o.integer("min_samples", 4, 1, 1000));
    assertEquals(Keep.ALL, o.choice("keep", Keep.SUSPICIOUS));
    assertTrue(o.bool("robust", false));
    assertEquals("bytes_out", o.required("field", "field"));
    assertEquals(9.0, o.number("absent", 9, 0, 10));
    o.checkAllUsed();
  }

  @Test
  void optionNamesAreCaseInsensitiveAndChoicesToo() {
    assertEquals(Keep.ALL, parse("KEEP=All").choice("keep", Keep.SUSPICIOUS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "NaN", "Infinity", "1e999", "0x10", "", "-1", "101"})
  void rejectsNumbersOutsideTheGrammarOrRange(String value) {
    CommandException e = assertThrows(CommandException.class,
        () -> parse("threshold=" + value).number("threshold", 3, 0, 100));
    assertTrue(e.getMessage().startsWith("cmd: invalid value '" + value + "' for option threshold; expected "),
        e.getMessage());
  }

  @Test
  void acceptsScientificNotation() {
    assertEquals(1500.0, parse("t=1.5e3").number("t", 0, 0, 1e9));
  }

  @Test
  void rejectsAWholeNumberThatIsNot() {
    CommandException e = assertThrows(CommandException.class,
        () -> parse("min_samples=2.5").integer("min_samples", 4, 1, 1000));
    assertEquals("cmd: invalid value '2.5' for option min_samples; expected a whole number between 1 and 1000",
        e.getMessage());
  }

  @Test
  void rejectsAnUnknownChoiceListingTheAllowedOnes() {
    CommandException e = assertThrows(CommandException.class,
        () -> parse("keep=some").choice("keep", Keep.SUSPICIOUS));
    assertEquals("cmd: invalid value 'some' for option keep; expected one of suspicious, all", e.getMessage());
  }

  @Test
  void rejectsPositionalArgumentsAndRepeatedOptions() {
    assertEquals("cmd: unexpected argument 'text'; expected name=value options",
        assertThrows(CommandException.class, () -> parse("text")).getMessage());
    assertEquals("cmd: option 'keep' is given more than once",
        assertThrows(CommandException.class, () -> parse("keep=all", "keep=all")).getMessage());
  }

  @Test
  void reportsUnknownOptionsAfterReading() {
    Options o = parse("treshold=2");
    o.number("threshold", 3, 0, 100);
    assertEquals("cmd: unknown option 'treshold'; expected one of threshold",
        assertThrows(CommandException.class, o::checkAllUsed).getMessage());
  }

  @Test
  void missingRequiredOptionSaysWhatToGive() {
    assertEquals("cmd: missing required option field=<numeric field>",
        assertThrows(CommandException.class, () -> parse().required("field", "numeric field")).getMessage());
  }

  @Test
  void quotedValuesAreEscapedAndTruncated() {
    assertEquals("'a\\u000ab'", Options.quote("a\nb"));
    String q = Options.quote("x".repeat(500));
    assertTrue(q.endsWith("...(500 chars)'"), q);
    assertFalse(q.length() > 100);
  }
}
