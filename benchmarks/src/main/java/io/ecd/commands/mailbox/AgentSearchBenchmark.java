package io.ecd.commands.mailbox;

import io.ecd.command.FieldRef;
import io.ecd.command.Record;
import io.ecd.protocol.codec.BodyDecoder;
import io.ecd.protocol.frame.FrameReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent search over the ClientInfoString of every event of one 50,000-record execute chunk
 * ({@code gen_chunks.py}), as the scorer runs it (the UTF-8 bytes where they arrived), against the
 * byte-by-byte scan it replaced ({@link ByteByByte}). Time per chunk. In the same package as
 * {@link AgentSearch}, which the app does not make public.
 *
 * <p>{@code -p stream=<file>}: the stream whose first execute chunk is searched. The forks run on
 * C1 alone, as the launcher does ({@code -XX:TieredStopAtLevel=1}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:TieredStopAtLevel=1"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
public class AgentSearchBenchmark {
  @Param({"build/bench/stream-r50000-c50000-s42-noraw.bin"})
  public String stream;

  /** documented: the documented SPL's six patterns; extended: the shipped lookup's. */
  @Param({"documented", "extended"})
  public String patterns;

  private final FieldRef client = new FieldRef("ClientInfoString");
  private List<Record> events;
  private AgentSearch search;
  private ByteByByte byteByByte;

  @Setup(Level.Trial)
  public void load() throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(stream)))) {
      FrameReader reader = new FrameReader(in);
      reader.next(); // getinfo
      events = new BodyDecoder().decode(reader.next());
    }
    List<String> list = patterns.equals("documented") ? Scorer.DOCUMENTED_AGENTS
        : List.of("mailsniper", "python", "go-http-client", "curl/", "wget",
            "microsoft.exchange.webservices", "exchangeservicesclient/");
    search = new AgentSearch(list);
    byteByByte = new ByteByByte(list);
    if (wordScan() != byteScan()) {
      throw new IllegalStateException("the two searches disagree on " + stream);
    }
  }

  /** The number of events with an agent found, so that nothing is optimised away. */
  @Benchmark
  public int wordScan() {
    int found = 0;
    for (Record event : events) {
      Record.Utf8 v = client.utf8(event);
      if (v != null && search.first(v.bytes(), v.from(), v.to(), event, client) != null) {
        found++;
      }
    }
    return found;
  }

  @Benchmark
  public int byteScan() {
    int found = 0;
    for (Record event : events) {
      Record.Utf8 v = client.utf8(event);
      if (v != null && byteByByte.first(v.bytes(), v.from(), v.to()) >= 0) {
        found++;
      }
    }
    return found;
  }

  /** The scan before the eight-byte one: each byte looked up for the patterns starting with it. */
  static final class ByteByByte {
    private final byte[][] patterns;
    private final long[] startingWith = new long[0x80];

    ByteByByte(List<String> list) {
      patterns = new byte[list.size()][];
      for (int k = 0; k < list.size(); k++) {
        patterns[k] = list.get(k).getBytes(StandardCharsets.US_ASCII);
        int c = patterns[k][0];
        startingWith[c] |= 1L << k;
        if (c >= 'a' && c <= 'z') {
          startingWith[c - ('a' - 'A')] |= 1L << k;
        }
      }
    }

    /** The first pattern's index, -1 for none, -2 for a byte outside ASCII. */
    int first(byte[] b, int from, int to) {
      long[] starting = startingWith;
      long found = 0;
      for (int i = from; i < to; i++) {
        int c = b[i];
        if (c < 0) {
          return -2;
        }
        long candidates = starting[c] & ~found;
        while (candidates != 0) {
          int k = Long.numberOfTrailingZeros(candidates);
          candidates &= candidates - 1;
          if (AgentSearch.matchAt(b, i, to, patterns[k])) {
            found |= 1L << k;
          }
        }
        if ((found & 1) != 0) {
          return 0;
        }
      }
      return found == 0 ? -1 : Long.numberOfTrailingZeros(found);
    }
  }
}
