package io.ecd.testing;

import io.ecd.protocol.frame.Frame;
import io.ecd.protocol.frame.FrameReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The real splunkd sessions under {@code ../shared/fixtures/scpv2-recordings}. */
public final class Recordings {
  private Recordings() {}

  public static Path root() {
    return Launch.sharedDir().resolve("fixtures/scpv2-recordings/splunk-sdk-python/tests");
  }

  /** A recording under {@code searchcommands/recordings/scpv2/Splunk-6.3/}. */
  public static Path splunk63(String name) {
    return root().resolve("searchcommands/recordings/scpv2/Splunk-6.3").resolve(name);
  }

  /** The 8.0.3 multibyte recording. */
  public static Path multibyte() {
    return root().resolve("unit/data/custom_search/multibyte_input.gz");
  }

  /** The bytes of a file, gunzipped when its name ends in .gz. */
  public static byte[] bytes(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      InputStream source = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
      return source.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every frame of a well-formed stream. */
  public static List<Frame> frames(byte[] stream) {
    FrameReader reader = new FrameReader(new ByteArrayInputStream(stream));
    List<Frame> frames = new ArrayList<>();
    for (Frame f = reader.next(); f != null; f = reader.next()) {
      frames.add(f);
    }
    return frames;
  }

  /** The bytes of frame {@code f} exactly as they stood in {@code stream}. */
  public static byte[] raw(byte[] stream, Frame f) {
    int end = (int) (f.bodyOffset() + f.body().length);
    return java.util.Arrays.copyOfRange(stream, (int) f.offset(), end);
  }
}
