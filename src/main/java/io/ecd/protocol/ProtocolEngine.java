package io.ecd.protocol;

import io.ecd.command.CommandException;
import io.ecd.command.CommandFactory;
import io.ecd.command.CommandInfo;
import io.ecd.command.CommandType;
import io.ecd.command.Options;
import io.ecd.command.Output;
import io.ecd.command.Record;
import io.ecd.command.RecordWork;
import io.ecd.command.SearchCommand;
import io.ecd.command.SearchContext;
import io.ecd.log.Logs;
import io.ecd.log.Secrets;
import io.ecd.protocol.codec.BodyDecoder;
import io.ecd.protocol.codec.BodyEncoder;
import io.ecd.protocol.codec.CodecException;
import io.ecd.protocol.codec.Message;
import io.ecd.protocol.codec.MetadataCodec;
import io.ecd.protocol.codec.Request;
import io.ecd.protocol.codec.SearchInfo;
import io.ecd.protocol.frame.Frame;
import io.ecd.protocol.frame.FrameException;
import io.ecd.protocol.frame.FrameLimits;
import io.ecd.protocol.frame.FrameReader;
import io.ecd.protocol.frame.FrameWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one search command over one splunkd session of the chunked protocol:
 *
 * <ol>
 *   <li>getinfo: parse the options, build the command, reply with its type and required fields;
 *   <li>execute chunks in lockstep: read a whole chunk (the first part of a large body is decoded
 *       while the rest arrives, and the command's {@link RecordWork} done on each record as it is
 *       decoded), run the command, write exactly one reply;
 *       events and reporting commands get an empty {@code {"finished":false}} reply until the last
 *       chunk, which carries all their output;
 *   <li>end of input: exit 0, also right after getinfo (splunkd's getinfo-only probes).
 * </ol>
 *
 * <p>Any failure is answered with an ERROR message and {@code "finished":true}, and {@link #run}
 * returns 1. Nothing but frames is written to {@code out}.
 */
public final class ProtocolEngine {
  /**
   * The logger, once the logging set-up ({@link #setUpProcess}) has ended, and with it what was
   * left to it to log ({@link Logs#whenReady}): so lines keep their order.
   */
  private static Logger log() {
    return Logs.get(ProtocolEngine.class);
  }
  private static boolean processSetUp;
  /** Longest message text passed on to splunkd; longer ones are cut. */
  static final int MAX_MESSAGE_CHARS = 4000;

  private final String name;
  private final CommandFactory factory;
  private final FrameLimits limits;
  private final BodyDecoder decoder;
  private final BodyEncoder encoder = new BodyEncoder();

  public ProtocolEngine(String name, CommandFactory factory, FrameLimits limits, BodyDecoder decoder) {
    this.name = name;
    this.factory = factory;
    this.limits = limits;
    this.decoder = decoder;
  }

  public ProtocolEngine(String name, CommandFactory factory, Limits limits) {
    this(name, factory, limits.frameLimits(), limits.bodyDecoder());
  }

  public ProtocolEngine(String name, CommandFactory factory) {
    this(name, factory, Limits.DEFAULT);
  }

  /**
   * Serves this process's stdin/stdout to splunkd. stdout carries frames only, so it is taken over
   * raw and System.out is pointed at stderr, where anything printed by mistake lands in search.log
   * instead of corrupting the protocol. The input caps come from the environment ({@link
   * Limits#fromProcess()}); a bad setting fails the search with a message naming it.
   *
   * @return the process exit code
   */
  public static int serveProcess(String name, CommandFactory factory) {
    return serveProcess(name, factory, System.in, new java.io.FileOutputStream(java.io.FileDescriptor.out));
  }

  /**
   * As {@link #serveProcess(String, CommandFactory)}, with the requests read from {@code in} and
   * the frames written to {@code frames}; it can be called again for another session.
   */
  public static int serveProcess(String name, CommandFactory factory, InputStream in,
      OutputStream frames) {
    setUpProcess(name);
    Limits limits;
    CommandFactory served = factory;
    try {
      limits = Limits.fromProcess();
    } catch (IllegalArgumentException e) {
      limits = Limits.DEFAULT;
      served = (options, context) -> {
        throw new CommandException(name + ": " + e.getMessage());
      };
    }
    int code = new ProtocolEngine(name, served, limits).run(in, frames);
    // the lines left to the logging thread are written before the process may exit
    Logs.awaitSetUp();
    return code;
  }

  private static synchronized void setUpProcess(String name) {
    if (processSetUp) {
      return;
    }
    processSetUp = true;
    java.io.PrintStream diagnostics = Logs.redacting(System.err);
    System.setErr(diagnostics);
    System.setOut(diagnostics);
    // the logging set-up (and the first lambda this process links) run on another thread while
    // this one reads the getinfo request and builds the command
    Logs.initInBackground(new Runnable() {
      @Override
      public void run() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
            log().log(Level.SEVERE, name + ": uncaught failure in thread " + thread.getName(), e));
      }
    });
  }

  /**
   * Serves one session.
   *
   * @return the process exit code: 0 when the session ended normally, 1 after an error
   */
  public int run(InputStream in, OutputStream out) {
    FrameReader reader = new FrameReader(new BufferedInputStream(in, 1 << 16), limits)
        .recycleBodies().watchBodies(new FrameReader.BodyWatcher() {
          @Override
          public void arrived(Frame frame, int bytes) {
            decoder.arrived(frame, bytes);
          }
        });
    FrameWriter writer = new FrameWriter(new BufferedOutputStream(out, 1 << 16));
    Session session = new Session(reader, writer);
    try {
      return session.serve();
    } catch (FrameException | CodecException e) {
      return session.fail(e.getMessage(), null);
    } catch (CommandException e) {
      return session.fail(e.getMessage(), null);
    } catch (UncheckedIOException e) {
      // the pipe is gone or broken: nothing more can be said to splunkd
      log().log(Level.SEVERE, name + ": I/O failure: " + e.getMessage());
      return 1;
    } catch (OutOfMemoryError e) {
      long maxMiB = Runtime.getRuntime().maxMemory() >> 20;
      return session.fail(name + ": the data of this chunk does not fit in the JVM heap (at most "
          + maxMiB + " MiB); raise it with ECD_JAVA_OPTS=-Xmx<size> in the environment splunkd"
          + " starts the command with, or send smaller chunks (limits.conf [searchresults]"
          + " maxresultrows)", e);
    } catch (RuntimeException | Error e) {
      // a bug, or a resource exhausted: the user gets the kind and a clipped message, the log the trace
      String detail = e.getMessage() == null ? "" : " " + Options.quote(e.getMessage());
      return session.fail(name + ": internal error: " + e.getClass().getName() + detail
          + "; see " + Logs.APP + ".log or search.log for details", e);
    }
  }

  private final class Session {
    private final FrameReader reader;
    private final FrameWriter writer;
    private boolean gotInfo;
    private boolean replied = true;
    private long recordsIn;
    private long recordsOut;

    Session(FrameReader reader, FrameWriter writer) {
      this.reader = reader;
      this.writer = writer;
    }

    int serve() {
      decoder.work(null); // until this session's command offers its own
      replied = false; // a first frame that fails to read still gets an answer
      Frame first = reader.next();
      if (first == null) {
        replied = true;
        return 0;
      }
      Secrets.register(MetadataCodec.sessionKeyIn(first.metadata()));
      Request request = MetadataCodec.decode(first);
      if (!(request instanceof Request.Getinfo getinfo)) {
        throw new CodecException(first.position() + ": expected a getinfo request first but got "
            + "execute; splunkd always starts with getinfo");
      }
      gotInfo = true;
      SearchInfo info = getinfo.searchInfo();
      Secrets.register(info.sessionKey());
      SearchContext context = context(info, getinfo.preview());
      SearchCommand command;
      CommandInfo declared;
      RecordWork work;
      try {
        Options options = Options.parse(name, info.args());
        command = factory.create(options, context);
        declared = command.info();
        work = command.recordWork();
      } catch (CommandException e) {
        log().warning(Secrets.redact(e.getMessage()));
        writer.write(MetadataCodec.getinfoReply(CommandType.STREAMING.wireName(), null, true,
            List.of(error(e.getMessage()))));
        replied = true;
        return 1;
      }
      writer.write(MetadataCodec.getinfoReply(
          declared.type().wireName(), declared.requiredFields(), false, List.of()));
      replied = true;
      decoder.work(work);
      // logged once the logging set-up has ended, on its thread: this one goes on to the first chunk
      Logs.whenReady(() -> log().info(() -> name + " started: sid=" + info.sid() + " type="
          + declared.type().wireName() + " args=" + info.args()));
      return executeLoop(command, declared.type());
    }

    private int executeLoop(SearchCommand command, CommandType type) {
      List<Record> held = new ArrayList<>();
      while (true) {
        replied = false; // a frame that fails to read is still a request to answer
        Frame frame = reader.next();
        if (frame == null) {
          replied = true;
          log().info(() -> name + " done: " + recordsIn + " records in, " + recordsOut + " out");
          return 0;
        }
        Request request = MetadataCodec.decode(frame);
        if (!(request instanceof Request.Execute execute)) {
          throw new CodecException(frame.position() + ": expected an execute request but got a "
              + "second getinfo");
        }
        List<Record> records = decoder.decode(frame);
        recordsIn += records.size();
        Collector out = new Collector(held);
        int heldBefore = held.size();
        command.execute(records, execute.finished(), out);
        if (type.emitsOnlyAtEnd() && !execute.finished()) {
          // the records emitted now are held until the last chunk, and the next chunk's body goes
          // into this one's buffer (records the command keeps itself, it detaches)
          for (Record r : held.subList(heldBefore, held.size())) {
            r.detach();
          }
          writer.write(MetadataCodec.executeReply(false, out.messages));
        } else {
          BodyEncoder.Body body = encoder.encode(held);
          recordsOut += held.size();
          writer.write(MetadataCodec.executeReply(execute.finished(), out.messages), body.head(),
              body.headLength(), body.tail(), body.tailLength());
          held.clear();
        }
        // the next frame's body goes into this one's buffer
        decoder.retire(records);
        replied = true;
      }
    }

    /** Answers the request in hand (if any) with an ERROR and finished, and gives the exit code. */
    int fail(String text, Throwable cause) {
      String message = Secrets.redact(text);
      if (cause != null) {
        log().log(Level.SEVERE, message, cause);
      } else {
        log().severe(message);
      }
      if (!replied) {
        try {
          byte[] meta = gotInfo
              ? MetadataCodec.executeReply(true, List.of(error(message)))
              : MetadataCodec.getinfoReply(CommandType.STREAMING.wireName(), null, true,
                  List.of(error(message)));
          writer.write(meta);
        } catch (UncheckedIOException e) {
          log().severe(name + ": could not report the error to splunkd: " + e.getMessage());
        }
      }
      return 1;
    }

    private Message error(String text) {
      String t = shown(text);
      return new Message("ERROR", t.startsWith(name + ":") ? t : name + ": " + t);
    }
  }

  /**
   * A message as the user may see it, whoever wrote it: secrets masked, control characters,
   * bidirectional overrides and unpaired surrogates escaped as {@code \\uXXXX}, cut to {@link
   * #MAX_MESSAGE_CHARS}.
   */
  static String shown(String text) {
    return Options.escape(Secrets.redact(text), MAX_MESSAGE_CHARS);
  }

  private SearchContext context(SearchInfo info, boolean preview) {
    Path dispatch = null;
    if (!info.dispatchDir().isEmpty()) {
      try {
        dispatch = Path.of(info.dispatchDir());
      } catch (RuntimeException e) {
        log().warning(name + ": ignoring unusable dispatch_dir");
      }
    }
    return new SearchContext(name, info.sid(), info.app(), info.username(), dispatch,
        info.splunkVersion(), info.earliestTime(), info.latestTime(), info.maxResultRows(), preview);
  }

  /** Collects one chunk's output and messages. */
  private static final class Collector implements Output {
    private final List<Record> records;
    private final List<Message> messages = new ArrayList<>();

    Collector(List<Record> records) {
      this.records = records;
    }

    @Override
    public void emit(Record record) {
      records.add(record);
    }

    @Override
    public void emitAll(List<Record> all) {
      records.addAll(all);
    }

    @Override
    public void message(Output.Level level, String text) {
      messages.add(new Message(level.name(), shown(String.valueOf(text))));
    }
  }
}
