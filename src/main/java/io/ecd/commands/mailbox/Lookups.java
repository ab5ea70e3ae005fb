package io.ecd.commands.mailbox;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.ecd.command.CommandException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The three CSV lookups of the extended profile, read from the app's {@code lookups/} folder. Each
 * has a header row; columns may come in any order and extra columns are ignored. Any problem is a
 * {@link CommandException} naming the file and line.
 */
final class Lookups {
  static final String OPERATIONS = "mailbox_collection_operations.csv";
  static final String AGENTS = "mailbox_collection_agents.csv";
  static final String ALLOWLIST = "mailbox_collection_allowlist.csv";
  /** Shorter agent patterns would match far too much. */
  static final int MIN_PATTERN_LENGTH = 3;

  /** An operation that counts as a collection cmdlet, optionally only in one workload. */
  record Operation(String name, String workload) {}

  /** An allowlisted account; {@code expires} is the last day it applies, or null. */
  record AllowEntry(String account, String reason, LocalDate expires, long line) {}

  private Lookups() {}

  static List<Operation> operations(Path folder) {
    return read(folder.resolve(OPERATIONS), List.of("operation"), (row, line) -> {
      String workload = row.get("workload");
      return new Operation(required(row, "operation", folder.resolve(OPERATIONS), line),
          workload == null || workload.isBlank() ? null : workload.strip());
    });
  }

  static List<String> agents(Path folder) {
    Path file = folder.resolve(AGENTS);
    return read(file, List.of("pattern"), (row, line) -> {
      String pattern = required(row, "pattern", file, line);
      if (pattern.length() < MIN_PATTERN_LENGTH) {
        throw bad(file, line, "pattern '" + pattern + "' is too short; expected a literal substring"
            + " of at least " + MIN_PATTERN_LENGTH + " characters");
      }
      return pattern.toLowerCase(Locale.ROOT);
    });
  }

  static List<AllowEntry> allowlist(Path folder) {
    Path file = folder.resolve(ALLOWLIST);
    return read(file, List.of("account", "reason", "expires"), (row, line) -> {
      String account = required(row, "account", file, line);
      String reason = required(row, "reason", file, line);
      String expires = row.get("expires");
      LocalDate date = null;
      if (expires != null && !expires.isBlank()) {
        try {
          date = LocalDate.parse(expires.strip());
        } catch (DateTimeParseException e) {
          throw bad(file, line, "expires '" + expires + "' is not a date; expected YYYY-MM-DD or"
              + " an empty cell");
        }
      }
      return new AllowEntry(account, reason, date, line);
    });
  }

  private static String required(Map<String, String> row, String column, Path file, long line) {
    String v = row.get(column);
    if (v == null || v.isBlank()) {
      throw bad(file, line, "column " + column + " is empty; expected a value");
    }
    return v.strip();
  }

  private static <T> List<T> read(Path file, List<String> columns,
      BiFunction<Map<String, String>, Long, T> parse) {
    if (!Files.isRegularFile(file)) {
      throw new CommandException("mailboxcollection: lookup " + file + " is missing; expected a CSV"
          + " file with the header " + String.join(",", columns));
    }
    List<T> out = new ArrayList<>();
    try (CsvReader<CsvRecord> csv = CsvReader.builder()
        .allowExtraFields(true).allowMissingFields(true)
        .ofCsvRecord(file, StandardCharsets.UTF_8)) {
      List<String> header = null;
      for (CsvRecord rec : csv) {
        long line = rec.getStartingLineNumber();
        if (header == null) {
          header = new ArrayList<>();
          for (String h : rec.getFields()) {
            header.add(h.strip().toLowerCase(Locale.ROOT).replace("\uFEFF", ""));
          }
          for (String c : columns) {
            if (!header.contains(c)) {
              throw bad(file, line, "header has no column '" + c + "'; expected the header "
                  + String.join(",", columns));
            }
          }
          continue;
        }
        if (rec.getFieldCount() != header.size()) {
          throw bad(file, line, "expected " + header.size() + " fields as in the header, found "
              + rec.getFieldCount());
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
          row.put(header.get(i), rec.getField(i));
        }
        out.add(parse.apply(row, line));
      }
      if (header == null) {
        throw bad(file, 1, "file is empty; expected the header " + String.join(",", columns));
      }
    } catch (CsvParseException e) {
      throw bad(file, 0, "malformed CSV: " + e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      throw new CommandException("mailboxcollection: cannot read lookup " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  static CommandException bad(Path file, long line, String what) {
    return new CommandException("mailboxcollection: lookup " + file + (line > 0 ? " line " + line : "")
        + ": " + what);
  }
}
