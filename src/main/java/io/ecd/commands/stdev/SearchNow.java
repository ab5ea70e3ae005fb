package io.ecd.commands.stdev;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.ecd.command.SearchContext;
import io.ecd.spl.Spl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The search's "now", as SPL's {@code now()} sees it, taken in this order:
 *
 * <ol>
 *   <li>{@code info.csv} in the dispatch folder: column {@code now} (the time splunkd resolves
 *       relative times against), else {@code _timestamp} (when the job started);
 *   <li>the epoch in the search id: {@code 1629787812.122}, {@code rt_1629787812.122},
 *       {@code ..._1629787812.122} or the {@code _at_<epoch>_} part of scheduled searches;
 *   <li>the wall clock.
 * </ol>
 *
 * @param epochSeconds the time
 * @param source where it came from, for the job inspector
 */
record SearchNow(double epochSeconds, String source) {

  private static final Pattern SCHEDULED = Pattern.compile("_at_(\\d{9,11})_");
  private static final Pattern TRAILING = Pattern.compile("(?:^|_)(\\d{9,11})\\.\\d+$");

  static SearchNow resolve(SearchContext context, Clock clock) {
    Path dir = context.dispatchDir();
    if (dir != null) {
      Path info = dir.resolve("info.csv");
      if (Files.isRegularFile(info)) {
        SearchNow fromInfo = fromInfoCsv(info);
        if (fromInfo != null) {
          return fromInfo;
        }
      }
    }
    String sid = context.sid();
    Matcher m = SCHEDULED.matcher(sid);
    if (m.find()) {
      return new SearchNow(Double.parseDouble(m.group(1)), "the search id " + sid);
    }
    m = TRAILING.matcher(sid);
    if (m.find()) {
      return new SearchNow(Double.parseDouble(m.group(1)), "the search id " + sid);
    }
    return new SearchNow(clock.millis() / 1000L, "the clock");
  }

  private static SearchNow fromInfoCsv(Path info) {
    try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(info)) {
      Iterator<NamedCsvRecord> it = reader.iterator();
      if (!it.hasNext()) {
        return null;
      }
      NamedCsvRecord row = it.next();
      for (String column : new String[] {"now", "_timestamp"}) {
        double t = Spl.numberOrNaN(row.findField(column).orElse(null));
        if (!Double.isNaN(t)) {
          return new SearchNow(t, info + " column " + column);
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // an unreadable info.csv falls back to the search id
    }
  }
}
