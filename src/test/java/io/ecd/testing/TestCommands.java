package io.ecd.testing;

import io.ecd.command.CommandException;
import io.ecd.command.CommandFactory;
import io.ecd.command.CommandInfo;
import io.ecd.command.CommandType;
import io.ecd.command.Options;
import io.ecd.command.Output;
import io.ecd.command.Record;
import io.ecd.command.SearchCommand;
import io.ecd.command.SearchContext;
import io.ecd.command.Skips;
import io.ecd.protocol.ProtocolEngine;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Test-only commands that exercise the engine, runnable as a child process:
 * {@code java -cp … io.ecd.testing.TestCommands <name>}.
 *
 * <ul>
 *   <li>{@code echo}: streaming; passes records through, adds {@code chunk=<n>}; options
 *       {@code fields=a,b} (required_fields), {@code type=streaming|stateful}, {@code tag=x},
 *       {@code require=f} (records without a value in {@code f} are skipped, counted, and reported
 *       as a WARN with the last chunk).
 *   <li>{@code collect}: events; emits every record at the end, in reverse order, with a WARN.
 *   <li>{@code count}: reporting; emits one record {@code count=<records>} at the end.
 *   <li>{@code boom}: streaming; fails on chunk {@code at=<n>} with a CommandException.
 *   <li>{@code crash}: streaming; a bug: throws an IllegalStateException whose message and cause
 *       hold the test session key, and prints the key to System.out, on the first chunk.
 * </ul>
 */
public final class TestCommands {
  public static final Map<String, CommandFactory> ALL = Map.of(
      "echo", TestCommands::echo,
      "collect", TestCommands::collect,
      "count", TestCommands::count,
      "boom", TestCommands::boom,
      "crash", TestCommands::crash);

  private TestCommands() {}

  public static void main(String[] args) {
    System.exit(ProtocolEngine.serveProcess(args[0], ALL.get(args[0])));
  }

  enum Kind { STREAMING, STATEFUL }

  static SearchCommand echo(Options options, SearchContext context) {
    String fields = options.string("fields", null);
    Kind kind = options.choice("type", Kind.STREAMING);
    String tag = options.string("tag", null);
    String require = options.string("require", null);
    options.checkAllUsed();
    List<String> required = fields == null ? null : Arrays.asList(fields.split(","));
    Skips skips = new Skips("echo");
    return new SearchCommand() {
      int chunk;

      @Override
      public CommandInfo info() {
        return new CommandInfo(kind == Kind.STREAMING ? CommandType.STREAMING : CommandType.STATEFUL,
            required);
      }

      @Override
      public void execute(List<Record> records, boolean last, Output out) {
        chunk++;
        for (Record r : records) {
          skips.seen();
          if (require != null && !r.has(require)) {
            skips.skip("no value in field " + Options.quote(require));
            continue;
          }
          r.put("chunk", chunk);
          if (tag != null) {
            r.put("tag", tag);
          }
          out.emit(r);
        }
        if (last) {
          skips.report(out);
        }
      }
    };
  }

  static SearchCommand collect(Options options, SearchContext context) {
    options.checkAllUsed();
    return new SearchCommand() {
      final java.util.ArrayList<Record> all = new java.util.ArrayList<>();

      @Override
      public CommandInfo info() {
        return new CommandInfo(CommandType.EVENTS, List.of("_time", "x"));
      }

      @Override
      public void execute(List<Record> records, boolean last, Output out) {
        for (Record r : records) {
          r.detach(); // kept past this chunk, whose body buffer the next one reuses
          all.add(r);
        }
        if (last) {
          out.message(Output.Level.WARN, "collect: " + all.size() + " records");
          for (int i = all.size() - 1; i >= 0; i--) {
            out.emit(all.get(i));
          }
        }
      }
    };
  }

  static SearchCommand count(Options options, SearchContext context) {
    options.checkAllUsed();
    return new SearchCommand() {
      long n;

      @Override
      public CommandInfo info() {
        return CommandInfo.of(CommandType.REPORTING);
      }

      @Override
      public void execute(List<Record> records, boolean last, Output out) {
        n += records.size();
        if (last) {
          out.emit(new Record().put("count", n));
        }
      }
    };
  }

  static SearchCommand crash(Options options, SearchContext context) {
    options.checkAllUsed();
    return new SearchCommand() {
      @Override
      public CommandInfo info() {
        return CommandInfo.of(CommandType.STREAMING);
      }

      @Override
      public void execute(List<Record> records, boolean last, Output out) {
        System.out.println("debug print of " + Chunks.SESSION_KEY);
        throw new IllegalStateException("lost track of " + Chunks.SESSION_KEY,
            new IllegalArgumentException("key=" + Chunks.SESSION_KEY));
      }
    };
  }

  static SearchCommand boom(Options options, SearchContext context) {
    long at = options.integer("at", 1, 1, 1000);
    options.checkAllUsed();
    return new SearchCommand() {
      int chunk;

      @Override
      public CommandInfo info() {
        return CommandInfo.of(CommandType.STREAMING);
      }

      @Override
      public void execute(List<Record> records, boolean last, Output out) {
        if (++chunk == at) {
          throw new CommandException("boom: failed on chunk " + chunk);
        }
        records.forEach(out::emit);
      }
    };
  }
}
