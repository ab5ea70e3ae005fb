package io.ecd.bench;

import io.ecd.command.Record;
import io.ecd.protocol.codec.BodyDecoder;
import io.ecd.protocol.codec.BodyEncoder;
import io.ecd.protocol.codec.FastCsvBodyDecoder;
import io.ecd.protocol.codec.StringBodyEncoder;
import io.ecd.protocol.frame.Frame;
import io.ecd.protocol.frame.FrameReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * One 50,000-record execute chunk of a generated O365 stream ({@code gen_chunks.py}), decoded,
 * scored and encoded by the FastCSV decoder + String encoder (the codecs before) and by the
 * byte-level decoder + byte encoder (the codecs now). Time per chunk.
 *
 * <p>{@code -p stream=<file>}: a stream whose first execute chunk is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
public class CodecBenchmark {
  private static final Set<String> CMDLETS = Set.of("New-MailboxExportRequest",
      "Get-MailboxExportRequest", "Search-Mailbox", "New-ComplianceSearch", "Start-ComplianceSearch",
      "New-ComplianceSearchAction", "Get-ComplianceSearchAction", "Invoke-MailboxSearch",
      "New-MailboxSearch");
  private static final String[] AGENTS = {"mailsniper", "python", "go-http-client", "curl/", "wget",
      "microsoft.exchange.webservices"};

  @Param({"build/bench/stream-r50000-c50000-s42-noraw.bin"})
  public String stream;

  private Frame frame;
  private final FastCsvBodyDecoder fastCsv = new FastCsvBodyDecoder();
  private final StringBodyEncoder stringEncoder = new StringBodyEncoder();
  private final BodyDecoder bytesDecoder = new BodyDecoder();
  private final BodyEncoder bytesEncoder = new BodyEncoder();
  private List<Record> fastCsvScored;
  private List<Record> bytesScored;

  @Setup(Level.Trial)
  public void load() throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(stream)))) {
      FrameReader reader = new FrameReader(in);
      reader.next(); // getinfo
      frame = reader.next();
    }
    fastCsvScored = score(fastCsv.decode(frame));
    bytesScored = score(bytesDecoder.decode(frame));
    if (fastCsvScored.size() != bytesScored.size() || !fastCsvScored.equals(bytesScored)) {
      throw new IllegalStateException("the two decoders disagree on " + stream);
    }
  }

  /** The peer's five fields, reading Operation, ClientInfoString, UserId, MailboxOwnerUPN. */
  static List<Record> score(List<Record> records) {
    for (Record r : records) {
      String op = r.get("Operation");
      int cmdlet = op != null && CMDLETS.contains(op) ? 1 : 0;
      int agent = 0;
      String client = r.get("ClientInfoString");
      if (client != null) {
        String lower = client.toLowerCase(java.util.Locale.ROOT);
        for (String a : AGENTS) {
          if (lower.contains(a)) {
            agent = 1;
            break;
          }
        }
      }
      int cross = 0;
      if ("MailboxLogin".equals(op)) {
        String user = r.get("UserId");
        String owner = r.get("MailboxOwnerUPN");
        cross = user != null && owner != null && !user.equals(owner) ? 1 : 0;
      }
      r.put("IsSuspiciousCmdlet", cmdlet);
      r.put("IsSuspiciousAgent", agent);
      r.put("IsCrossMailboxAccess", cross);
      r.put("SuspicionScore", cmdlet + agent + cross);
      r.put("DetectionType", cmdlet == 1 ? "ExchangeCollectionCmdlet" : agent == 1
          ? "SuspiciousEWSClient" : cross == 1 ? "CrossMailboxAccess" : "Unknown");
    }
    return records;
  }

  @Benchmark
  public List<Record> decodeFastCsv() {
    return fastCsv.decode(frame);
  }

  @Benchmark
  public List<Record> decodeBytes() {
    return bytesDecoder.decode(frame);
  }

  /** Encoding only: the records were decoded and scored once, in setup. */
  @Benchmark
  public int encodeString() {
    return stringEncoder.encode(fastCsvScored).length();
  }

  @Benchmark
  public int encodeBytes() {
    return bytesEncoder.encode(bytesScored).length();
  }

  /** What the engine does per chunk for a scoring command: decode, read 4 fields, add 5, encode. */
  @Benchmark
  public void chunkFastCsvString(Blackhole bh) {
    bh.consume(stringEncoder.encode(score(fastCsv.decode(frame))).length());
  }

  @Benchmark
  public void chunkBytes(Blackhole bh) {
    bh.consume(bytesEncoder.encode(score(bytesDecoder.decode(frame))).length());
  }
}
