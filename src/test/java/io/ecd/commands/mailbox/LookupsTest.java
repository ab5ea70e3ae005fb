package io.ecd.commands.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.CommandException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupsTest {
  @TempDir Path dir;

  private String error(Runnable r) {
    return assertThrows(CommandException.class, r::run).getMessage();
  }

  @Test
  void shippedLookupsLoadAndCoverTheSeedLists() {
    List<Lookups.Operation> ops = Lookups.operations(Events.APP_LOOKUPS);
    List<String> names = ops.stream().map(Lookups.Operation::name).toList();
    assertTrue(names.containsAll(Scorer.DOCUMENTED_OPERATIONS), names.toString());
    assertTrue(names.containsAll(List.of("SearchCreated", "SearchExported")), names.toString());
    List<String> agents = Lookups.agents(Events.APP_LOOKUPS);
    assertTrue(agents.containsAll(Scorer.DOCUMENTED_AGENTS), agents.toString());
    assertTrue(agents.contains("exchangeservicesclient/"), agents.toString());
    assertEquals(2, Lookups.allowlist(Events.APP_LOOKUPS).size());
  }

  @Test
  void rejectsRowWithWrongFieldCountNamingFileAndLine() throws IOException {
    Files.writeString(dir.resolve(Lookups.AGENTS), "pattern,description\nwget,ok\ncurl/,a,b\n");
    assertEquals("mailboxcollection: lookup " + dir.resolve(Lookups.AGENTS) + " line 3: expected 2"
        + " fields as in the header, found 3", error(() -> Lookups.agents(dir)));
  }

  @Test
  void rejectsMissingHeaderColumn() throws IOException {
    Files.writeString(dir.resolve(Lookups.ALLOWLIST), "account,reason\na@c.com,x\n");
    assertEquals("mailboxcollection: lookup " + dir.resolve(Lookups.ALLOWLIST) + " line 1: header has"
        + " no column 'expires'; expected the header account,reason,expires",
        error(() -> Lookups.allowlist(dir)));
  }

  @Test
  void rejectsBadExpiryDate() throws IOException {
    Files.writeString(dir.resolve(Lookups.ALLOWLIST), "account,reason,expires\na@c.com,x,\nb@c.com,y,31/12/2024\n");
    assertEquals("mailboxcollection: lookup " + dir.resolve(Lookups.ALLOWLIST) + " line 3: expires"
        + " '31/12/2024' is not a date; expected YYYY-MM-DD or an empty cell", error(() -> Lookups.allowlist(dir)));
  }

  @Test
  void rejectsAllowlistEntryWithoutReason() throws IOException {
    Files.writeString(dir.resolve(Lookups.ALLOWLIST), "account,reason,expires\na@c.com,,\n");
    assertEquals("mailboxcollection: lookup " + dir.resolve(Lookups.ALLOWLIST) + " line 2: column"
        + " reason is empty; expected a value", error(() -> Lookups.allowlist(dir)));
  }

  @Test
  void rejectsTooShortAgentPattern() throws IOException {
    Files.writeString(dir.resolve(Lookups.AGENTS), "pattern,description\npy,x\n");
    assertEquals("mailboxcollection: lookup " + dir.resolve(Lookups.AGENTS) + " line 2: pattern 'py'"
        + " is too short; expected a literal substring of at least 3 characters", error(() -> Lookups.agents(dir)));
  }

  @Test
  void rejectsMissingAndEmptyFiles() throws IOException {
    assertEquals("mailboxcollection: lookup " + dir.resolve(Lookups.OPERATIONS) + " is missing;"
        + " expected a CSV file with the header operation", error(() -> Lookups.operations(dir)));
    Files.writeString(dir.resolve(Lookups.OPERATIONS), "");
    assertEquals("mailboxcollection: lookup " + dir.resolve(Lookups.OPERATIONS) + " line 1: file is"
        + " empty; expected the header operation", error(() -> Lookups.operations(dir)));
  }

  @Test
  void treatsPatternsAsLiteralTextNotRegex() throws IOException {
    Files.writeString(dir.resolve(Lookups.AGENTS), "pattern,description\n(a+)+$,x\n");
    Files.writeString(dir.resolve(Lookups.OPERATIONS), "operation,workload\n");
    Files.writeString(dir.resolve(Lookups.ALLOWLIST), "account,reason,expires\n");
    Scorer s = MailboxCollectionCommand.scorer(Profile.EXTENDED, java.util.Optional.of(dir), Events.CLOCK);
    assertEquals(0, s.score(Events.event("ClientInfoString", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")).agent());
    assertEquals(1, s.score(Events.event("ClientInfoString", "x(A+)+$y")).agent());
  }
}
