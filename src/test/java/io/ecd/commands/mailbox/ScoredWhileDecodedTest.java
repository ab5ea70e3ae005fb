package io.ecd.commands.mailbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.CommandFactory;
import io.ecd.command.CommandInfo;
import io.ecd.command.Fields;
import io.ecd.command.Output;
import io.ecd.command.Record;
import io.ecd.command.RecordWork;
import io.ecd.command.SearchCommand;
import io.ecd.protocol.ProtocolEngine;
import io.ecd.testing.Chunks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine scores each event as it decodes it ({@link MailboxCollection#recordWork}): its
 * replies, down to the byte and the summary's counts, are those of the command scoring each chunk
 * itself, on bodies large enough to be read, scored and written in two halves at once.
 */
class ScoredWhileDecodedTest {
  private static final List<String> FIELDS = List.of("_time", "Operation", "ClientInfoString",
      "UserId", "MailboxOwnerUPN", "LogonType", "Workload", "SuspicionScore", "SuppressedBy");

  @TempDir Path dir;

  /** One row's cells as splunkd writes them: display cells, then the __mv_ cells. */
  private static String row(Random random, int i) {
    String[] operations = {"Search-Mailbox", "MailboxLogin", "MailItemsAccessed", "Send",
        "New-ComplianceSearch", "FolderBind", "search-mailbox", ""};
    String[] clients = {"Client=WebServices;python-requests/2.31", "Client=OWA;Mozilla/5.0",
        "Client=\"Go-http-client\"/1.1, quoted", "CURL/8.4 \u212a", "\u00e9 MailSniper", ""};
    String[] users = {"eve@c.com", "bob@c.com", "NT AUTHORITY\\SYSTEM (w3wp)", "legal@c.com",
        "S-1-5-18", ""};
    String user = users[random.nextInt(users.length)];
    String owner = random.nextBoolean() ? user : users[random.nextInt(users.length)];
    StringBuilder b = new StringBuilder();
    b.append(Chunks.cell("1717200" + i + ".5"));
    b.append(',').append(Chunks.cell(operations[random.nextInt(operations.length)]));
    boolean multivalue = random.nextInt(12) == 0;
    b.append(',').append(Chunks.cell(multivalue ? "OWA\npython" : clients[random.nextInt(clients.length)]));
    b.append(',').append(Chunks.cell(user)).append(',').append(Chunks.cell(owner));
    b.append(',').append(random.nextInt(4)).append(",Exchange");
    // values the command's own output fields arrive with, which it replaces
    b.append(',').append(random.nextBoolean() ? "7" : "");
    b.append(',').append(random.nextBoolean() ? Chunks.cell("system, from an earlier search") : "");
    b.append(',').append(',').append(multivalue ? "\"$OWA$;$python$\"" : "");
    b.append(",".repeat(FIELDS.size() - 2)).append('\n');
    return b.toString();
  }

  private static byte[] stream(String... args) {
    Random random = new Random(11);
    StringBuilder header = new StringBuilder();
    for (String f : FIELDS) {
      header.append(header.length() == 0 ? "" : ",").append(Chunks.cell(f));
    }
    for (String f : FIELDS) {
      header.append(',').append(Chunks.cell("__mv_" + f));
    }
    header.append('\n');
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(Chunks.getinfo("mailboxcollection", args));
    int events = 0;
    for (int chunk = 0; chunk < 3; chunk++) {
      StringBuilder body = new StringBuilder(header);
      int rows = chunk == 2 ? 500 : 12_000;
      for (int i = 0; i < rows; i++) {
        body.append(row(random, events++));
      }
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      assertTrue(chunk == 2 || bytes.length > 1 << 20, "read and written in two halves");
      in.writeBytes(Chunks.frame("{\"action\":\"execute\",\"finished\":" + (chunk == 2) + "}", bytes));
    }
    return in.toByteArray();
  }

  private byte[] serve(byte[] stream, boolean engineScores, AtomicLong applied) throws IOException {
    Path lookups = Events.lookups(Files.createDirectories(dir.resolve(engineScores ? "engine" : "command")),
        "account,reason,expires\nlegal@c.com,legal hold,\n");
    CommandFactory factory = (options, context) -> {
      SearchCommand command = MailboxCollectionCommand.create(options, context, Optional.of(lookups),
          Events.CLOCK);
      return engineScores ? counting(command, applied) : withoutRecordWork(command);
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = new ProtocolEngine("mailboxcollection", factory)
        .run(new ByteArrayInputStream(stream), out);
    assertEquals(0, exit, () -> out.toString(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** The command as it is, its record work counted. */
  private static SearchCommand counting(SearchCommand command, AtomicLong applied) {
    return delegating(command, true, applied);
  }

  /** The command without its record work: it scores each chunk in execute(). */
  private static SearchCommand withoutRecordWork(SearchCommand command) {
    return delegating(command, false, null);
  }

  private static SearchCommand delegating(SearchCommand command, boolean withWork,
      AtomicLong applied) {
    return new SearchCommand() {
      @Override
      public CommandInfo info() {
        return command.info();
      }

      @Override
      public void execute(List<Record> records, boolean last, Output out) {
        command.execute(records, last, out);
      }

      @Override
      public RecordWork recordWork() {
        if (!withWork) {
          return null;
        }
        RecordWork work = command.recordWork();
        return new RecordWork() {
          @Override
          public void prepare(Fields fields) {
            work.prepare(fields);
          }

          @Override
          public void apply(Record record, int lane) {
            applied.incrementAndGet();
            work.apply(record, lane);
          }
        };
      }
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"keep=all", "keep=suspicious", "keep=all profile=extended",
      "keep=suspicious profile=extended"})
  void repliesAreThoseOfTheCommandScoringEachChunkItself(String args) throws IOException {
    byte[] stream = stream(args.split(" "));
    AtomicLong applied = new AtomicLong();
    byte[] scoredByEngine = serve(stream, true, applied);
    byte[] scoredByCommand = serve(stream, false, new AtomicLong());
    assertTrue(applied.get() >= 24_500, "scored as decoded: " + applied.get());
    String replies = new String(scoredByEngine, StandardCharsets.UTF_8);
    assertTrue(replies.contains("24500 events scored"), "the summary counts every event once");
    assertArrayEquals(scoredByCommand, scoredByEngine, () -> "replies differ for " + args);
  }
}
