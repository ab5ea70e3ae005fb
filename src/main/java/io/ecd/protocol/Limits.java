package io.ecd.protocol;

import io.ecd.protocol.codec.BodyDecoder;
import io.ecd.protocol.frame.FrameLimits;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Every cap the engine puts on its input, so that a corrupt or hostile stream cannot make the
 * process allocate without bound. Each cap can be set by an environment variable or, taking
 * precedence, by a system property the launcher passes ({@code -Decd.max_body_bytes=512M}); a value
 * is a whole number with an optional binary suffix {@code K}, {@code M} or {@code G}.
 *
 * <table>
 *   <caption>caps, their settings and defaults</caption>
 *   <tr><th>cap</th><th>environment / system property</th><th>default</th></tr>
 *   <tr><td>header line</td><td>{@code ECD_MAX_HEADER_BYTES} / {@code ecd.max_header_bytes}</td>
 *       <td>128 B</td></tr>
 *   <tr><td>metadata</td><td>{@code ECD_MAX_METADATA_BYTES} / {@code ecd.max_metadata_bytes}</td>
 *       <td>16 MiB</td></tr>
 *   <tr><td>body</td><td>{@code ECD_MAX_BODY_BYTES} / {@code ecd.max_body_bytes}</td>
 *       <td>256 MiB</td></tr>
 *   <tr><td>columns in a body</td><td>{@code ECD_MAX_FIELDS} / {@code ecd.max_fields}</td>
 *       <td>10,000</td></tr>
 *   <tr><td>one value</td><td>{@code ECD_MAX_VALUE_CHARS} / {@code ecd.max_value_chars}</td>
 *       <td>64 Mi chars</td></tr>
 * </table>
 *
 * @param maxHeaderBytes longest header line, newline included
 * @param maxMetadataBytes largest metadata
 * @param maxBodyBytes largest body; a larger declared length is refused before any of it is read
 * @param maxFields most columns in a body's header row
 * @param maxValueChars longest single CSV value, in chars
 */
public record Limits(
    int maxHeaderBytes, int maxMetadataBytes, int maxBodyBytes, int maxFields, int maxValueChars) {

  /** The defaults: 128 B header, 16 MiB metadata, 256 MiB body, 10,000 fields, 64 Mi chars. */
  public static final Limits DEFAULT = new Limits(128, 16 << 20, 256 << 20, 10_000, 64 << 20);

  /** The settings, in component order. */
  enum Setting {
    MAX_HEADER_BYTES(24, 4096),
    MAX_METADATA_BYTES(2, Integer.MAX_VALUE - 64),
    MAX_BODY_BYTES(0, Integer.MAX_VALUE - 64),
    MAX_FIELDS(1, 1_000_000),
    MAX_VALUE_CHARS(1, Integer.MAX_VALUE - 64);

    final long min;
    final long max;

    Setting(long min, long max) {
      this.min = min;
      this.max = max;
    }

    String variable() {
      return "ECD_" + name();
    }

    String property() {
      return "ecd." + name().toLowerCase(Locale.ROOT);
    }
  }

  public Limits {
    new FrameLimits(maxHeaderBytes, maxMetadataBytes, maxBodyBytes); // checks those three
    if (maxFields < 1 || maxValueChars < 1) {
      throw new IllegalArgumentException(
          "limits too small: fields " + maxFields + ", value chars " + maxValueChars);
    }
  }

  /**
   * The limits set by {@code env} and {@code properties} (a property wins over the variable of the
   * same cap), defaults for the rest.
   *
   * @throws IllegalArgumentException naming the setting, its value and the accepted range
   */
  public static Limits from(Map<String, String> env, Properties properties) {
    Setting[] all = Setting.values();
    int[] v = {DEFAULT.maxHeaderBytes, DEFAULT.maxMetadataBytes, DEFAULT.maxBodyBytes,
        DEFAULT.maxFields, DEFAULT.maxValueChars};
    for (int i = 0; i < all.length; i++) {
      Setting s = all[i];
      String raw = properties.getProperty(s.property());
      String source = "system property " + s.property();
      if (raw == null) {
        raw = env.get(s.variable());
        source = "environment variable " + s.variable();
      }
      if (raw != null && !raw.isBlank()) {
        v[i] = parse(raw, s, source);
      }
    }
    return new Limits(v[0], v[1], v[2], v[3], v[4]);
  }

  /** The limits of this process: its environment and system properties. */
  public static Limits fromProcess() {
    return from(System.getenv(), System.getProperties());
  }

  private static int parse(String raw, Setting s, String source) {
    String t = raw.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    if (!t.isEmpty()) {
      switch (t.charAt(t.length() - 1)) {
        case 'K' -> unit = 1L << 10;
        case 'M' -> unit = 1L << 20;
        case 'G' -> unit = 1L << 30;
        default -> unit = 1;
      }
    }
    String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
    long value = -1;
    if (!digits.isEmpty() && digits.length() <= 12 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      value = Long.parseLong(digits) * unit;
    }
    if (value < s.min || value > s.max) {
      throw new IllegalArgumentException("invalid value " + io.ecd.command.Options.quote(raw) + " for "
          + source + "; expected a whole number from " + s.min + " to " + s.max
          + ", optionally followed by K, M or G");
    }
    return (int) value;
  }

  /** The caps the frame reader applies. */
  public FrameLimits frameLimits() {
    return new FrameLimits(maxHeaderBytes, maxMetadataBytes, maxBodyBytes);
  }

  /** A body decoder applying the field and value caps. */
  public BodyDecoder bodyDecoder() {
    return new BodyDecoder(maxValueChars, maxFields);
  }
}
