package io.ecd.commands.stdev;

import io.ecd.command.CommandInfo;
import io.ecd.command.CommandType;
import io.ecd.command.Options;
import io.ecd.command.Output;
import io.ecd.command.Record;
import io.ecd.command.SearchCommand;
import io.ecd.spl.Spl;
import io.ecd.spl.SplNumbers;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stdevoutlier}: in one pass it keeps the global moments, per-entity moments of the rows
 * before the current window and the row count per entity; it buffers only the rows that can still
 * alert (current window, numeric value, entity present). After the last chunk it emits them,
 * annotated, in input order. {@code emit=all} buffers every row, {@code method=mad} every value.
 *
 * <p>Default semantics are those of the documented SPL:
 *
 * <pre>
 * | eventstats avg(F) as avg_F stdev(F) as stdev_F
 * | eventstats count as num_data_samples
 *     avg(eval(if(_time &lt; relative_time(now(), CURRENT), F, null))) as per_source_avg_F
 *     stdev(eval(if(_time &lt; relative_time(now(), CURRENT), F, null))) as per_source_stdev_F by BY
 * | where num_data_samples &gt;= MIN AND F &gt; avg_F + T * stdev_F
 *     AND F &gt; per_source_avg_F + T * per_source_stdev_F AND _time &gt;= relative_time(now(), CURRENT)
 * | eval num_standard_deviations_away_from_server_average = round(abs(F - avg_F) / stdev_F, 2),
 *        num_standard_deviations_away_from_client_average =
 *            round(abs(F - per_source_avg_F) / per_source_stdev_F, 2)
 * </pre>
 */
final class StdevOutlierCommand implements SearchCommand {

  /** 0.6745 = the 0.75 quantile of the standard normal, so that MAD / 0.6745 estimates sigma. */
  static final double MAD_CONSTANT = 0.6745;

  private static final String TIME = "_time";
  private static final int HISTORY = 0;
  private static final int CURRENT = 1;
  private static final int NO_TIME = 2;

  /** A buffered row and what the pass learnt about it. */
  private record Pending(Record record, double value, int window, EntityState entity) {}

  private final Settings settings;
  private final ZoneId zone;
  private final double cutoff;
  private final Names names;

  private final Moments global = new Moments();
  private final Samples globalSamples;
  private final Map<String, EntityState> entities = new HashMap<>();
  private final EntityState everything;
  private final List<Pending> pending = new ArrayList<>();

  private long rows;
  private long emptyValues;
  private long nonNumericValues;
  private String firstNonNumeric;
  private long badTimes;
  private String firstBadTime;
  private long noEntity;
  private long outliers;
  private boolean finished;

  StdevOutlierCommand(Settings settings, ZoneId zone) {
    this.settings = settings;
    this.zone = zone;
    this.cutoff = settings.current().apply(settings.now(), zone);
    this.names = new Names(settings.field(), settings.method());
    this.globalSamples = settings.method() == Method.MAD ? new Samples() : null;
    this.everything = settings.by() == null ? newEntity() : null;
  }

  @Override
  public CommandInfo info() {
    return CommandInfo.of(CommandType.EVENTS);
  }

  /** The start of the current window, epoch seconds. */
  double cutoff() {
    return cutoff;
  }

  /** The rows held for the final chunk; equals the current-window rows that may alert. */
  int bufferedRows() {
    return pending.size();
  }

  /** The entities seen. */
  int entityCount() {
    return settings.by() == null ? 1 : entities.size();
  }

  @Override
  public void execute(List<Record> records, boolean last, Output out) {
    if (finished) {
      throw Settings.error("received records after the final chunk");
    }
    for (Record record : records) {
      accept(record, last);
    }
    if (last) {
      finished = true;
      finish(out);
    }
  }

  /** Takes one row into the statistics, and keeps it when it may be emitted (detached, unless last). */
  private void accept(Record record, boolean last) {
    rows++;
    double value = value(record);
    double time = time(record);
    int window = Double.isNaN(time) ? NO_TIME : time < cutoff ? HISTORY : CURRENT;
    boolean numeric = !Double.isNaN(value);
    if (numeric) {
      global.add(value);
      if (globalSamples != null) {
        globalSamples.add(value);
      }
    }
    EntityState entity = entity(record);
    if (entity != null) {
      entity.rows++;
      if (numeric && window == HISTORY) {
        entity.add(value);
        if (entity instanceof EntityState.WithSamples mad) {
          mad.history.add(value);
        }
      }
    } else {
      noEntity++;
    }
    if (settings.emit() == Emit.ALL || (numeric && window == CURRENT && entity != null)) {
      if (!last) {
        record.detach(); // the next chunk reuses this one's body
      }
      pending.add(new Pending(record, value, window, entity));
    }
  }

  private double value(Record record) {
    List<String> all = record.getAll(settings.field());
    if (all.isEmpty()) {
      emptyValues++;
      return Double.NaN;
    }
    double value = all.size() == 1 ? Spl.numberOrNaN(all.get(0)) : Double.NaN;
    if (Double.isNaN(value)) {
      if (nonNumericValues++ == 0) {
        firstNonNumeric = String.join(",", all);
      }
    }
    return value;
  }

  private double time(Record record) {
    String raw = record.get(TIME);
    double time = Spl.numberOrNaN(raw);
    if (Double.isNaN(time) && badTimes++ == 0) {
      firstBadTime = raw == null ? "" : raw;
    }
    return time;
  }

  private EntityState entity(Record record) {
    if (settings.by() == null) {
      return everything;
    }
    List<String> all = record.getAll(settings.by());
    if (all.isEmpty()) {
      return null;
    }
    String key = all.size() == 1 ? all.get(0) : String.join("\n", all);
    EntityState entity = entities.get(key);
    if (entity == null) {
      entity = newEntity();
      entities.put(key, entity);
    }
    return entity;
  }

  private EntityState newEntity() {
    return settings.method() == Method.MAD ? new EntityState.WithSamples() : new EntityState();
  }

  // ---- the final chunk

  private void finish(Output out) {
    Baseline server = baseline(global, globalSamples);
    // the server baseline is the same on every row: format it once
    String serverCentre = format(server.centre());
    String serverSpread = format(server.spread());
    for (Pending p : pending) {
      boolean outlier = isOutlier(p, server);
      if (outlier) {
        outliers++;
      }
      // only emitted rows are annotated: formatting numbers is the costly part of this loop
      if (outlier || settings.emit() == Emit.ALL) {
        Record record = p.record();
        annotate(record, p, server, serverCentre, serverSpread);
        if (settings.emit() == Emit.ALL) {
          record.put("is_outlier", outlier ? 1 : 0);
        }
        out.emit(record);
      }
    }
    pending.clear();
    report(out);
  }

  /** Centre and spread: mean and sample stdev, or median and MAD; NaN for null. */
  private record Baseline(double centre, double spread) {}

  private Baseline baseline(Moments moments, Samples samples) {
    if (settings.method() == Method.STDEV) {
      return new Baseline(moments.average(), moments.sampleStdev());
    }
    double median = samples.median();
    return new Baseline(median, samples.mad(median));
  }

  private Baseline entityBaseline(EntityState entity) {
    if (settings.method() == Method.STDEV) {
      return new Baseline(entity.average(), entity.sampleStdev());
    }
    EntityState.WithSamples mad = (EntityState.WithSamples) entity;
    mad.compute();
    return new Baseline(mad.median, mad.mad);
  }

  /** The documented where clause (or its robust form); any null operand makes it false. */
  private boolean isOutlier(Pending p, Baseline server) {
    EntityState entity = p.entity();
    if (entity == null || entity.rows < settings.minSamples() || p.window() != CURRENT) {
      return false;
    }
    Baseline client = entityBaseline(entity);
    double x = p.value();
    double t = settings.threshold();
    if (settings.method() == Method.STDEV) {
      // SPL: x > avg + (T * stdev); NaN (null) operands make both comparisons false
      return x > server.centre() + t * server.spread() && x > client.centre() + t * client.spread();
    }
    return robustZ(x, server) > t && robustZ(x, client) > t;
  }

  /** Adds the statistics to {@code record}, the server baseline already formatted. */
  private void annotate(
      Record record, Pending p, Baseline server, String serverCentre, String serverSpread) {
    put(record, names.serverCentre, serverCentre);
    put(record, names.serverSpread, serverSpread);
    EntityState entity = p.entity();
    Baseline client = null;
    if (entity != null) {
      record.put("num_data_samples", entity.rows);
      client = entityBaseline(entity);
      put(record, names.clientCentre, format(client.centre()));
      put(record, names.clientSpread, format(client.spread()));
    }
    double x = p.value();
    put(record, names.serverDistance, format(distance(x, server)));
    put(record, names.clientDistance, client == null ? null : format(distance(x, client)));
  }

  /** 0.6745 (x - median) / MAD; NaN when MAD is 0 or null. */
  private static double robustZ(double x, Baseline b) {
    if (!(b.spread() > 0)) {
      return Double.NaN;
    }
    return MAD_CONSTANT * (x - b.centre()) / b.spread();
  }

  /** round(abs(x - centre) / spread, 2), or for MAD round(abs(robust z), 2); null for 0 or null. */
  private double distance(double x, Baseline b) {
    if (b.spread() == 0 || Double.isNaN(b.spread())) {
      return Double.NaN;
    }
    double d =
        settings.method() == Method.STDEV
            ? Math.abs(x - b.centre()) / b.spread()
            : Math.abs(robustZ(x, b));
    return SplNumbers.round(d, 2);
  }

  /** A statistic as printed, or null (Splunk's null) when it is not a finite number. */
  private static String format(double value) {
    return Double.isFinite(value) ? SplNumbers.format(value) : null;
  }

  private static void put(Record record, String name, String value) {
    if (value != null) {
      record.put(name, value);
    } else {
      record.remove(name);
    }
  }

  private void report(Output out) {
    String f = settings.field();
    String c = Settings.COMMAND + ": ";
    long skipped = emptyValues + nonNumericValues;
    if (skipped > 0) {
      StringBuilder b = new StringBuilder(c);
      b.append(skipped).append(skipped == 1 ? " row has" : " rows have").append(" no numeric ").append(f);
      b.append(" (").append(emptyValues).append(" empty, ").append(nonNumericValues).append(" not a number");
      if (firstNonNumeric != null) {
        b.append(", first ").append(Options.quote(firstNonNumeric));
      }
      b.append("); such rows are left out of every average and deviation but count in num_data_samples");
      out.message(Output.Level.WARN, b.toString());
    }
    if (badTimes > 0) {
      out.message(
          Output.Level.WARN,
          c + badTimes + (badTimes == 1 ? " row has" : " rows have") + " no numeric _time (first "
              + Options.quote(firstBadTime) + "); such rows feed the global statistics and"
              + " num_data_samples but are in neither the history nor the current window and cannot"
              + " alert");
    }
    if (settings.by() != null && noEntity > 0) {
      out.message(
          Output.Level.WARN,
          c + noEntity + (noEntity == 1 ? " row has" : " rows have") + " no " + settings.by()
              + "; such rows feed the global statistics only and cannot alert");
    }
    out.message(
        Output.Level.INFO,
        c + "rows=" + rows + " entities=" + entityCount() + " outliers=" + outliers + "; current window"
            + " from " + Instant.ofEpochSecond((long) Math.floor(cutoff)).atZone(zone)
            + " (" + settings.current().text() + " relative to now=" + SplNumbers.format(settings.now())
            + " from " + settings.nowSource() + ")");
  }

  /** Output field names for one field and method. */
  private static final class Names {
    final String serverCentre;
    final String serverSpread;
    final String clientCentre;
    final String clientSpread;
    final String serverDistance;
    final String clientDistance;

    Names(String field, Method method) {
      if (method == Method.STDEV) {
        serverCentre = "avg_" + field;
        serverSpread = "stdev_" + field;
        clientCentre = "per_source_avg_" + field;
        clientSpread = "per_source_stdev_" + field;
        serverDistance = "num_standard_deviations_away_from_server_average";
        clientDistance = "num_standard_deviations_away_from_client_average";
      } else {
        serverCentre = "median_" + field;
        serverSpread = "mad_" + field;
        clientCentre = "per_source_median_" + field;
        clientSpread = "per_source_mad_" + field;
        serverDistance = "robust_z_away_from_server_median";
        clientDistance = "robust_z_away_from_client_median";
      }
    }
  }
}
