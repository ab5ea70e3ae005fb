package io.ecd.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The entries of a gzip'd tar file (ustar and GNU long names), read without any tar tool, so the
 * tests see exactly what an installer sees.
 */
final class TarArchive {
  private TarArchive() {}

  /**
   * One entry.
   *
   * @param name the member name as stored
   * @param mode the permission bits
   * @param uid the owner id
   * @param gid the group id
   * @param mtime seconds since the epoch
   * @param type {@code '0'} file, {@code '5'} folder, others as in tar
   * @param data a file's bytes, empty otherwise
   */
  record Entry(String name, int mode, long uid, long gid, long mtime, char type, byte[] data) {
    boolean isDirectory() {
      return type == '5';
    }

    boolean isFile() {
      return type == '0' || type == '\0';
    }
  }

  static List<Entry> read(Path tgz) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
      List<Entry> entries = new ArrayList<>();
      String longName = null;
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512) {
        if (allZero(header)) {
          break;
        }
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        if (!prefix.isEmpty() && header[257] == 'u' && header[262] == 0) {
          name = prefix + "/" + name; // POSIX ustar prefix
        }
        long size = octal(header, 124, 12);
        char type = (char) header[156];
        byte[] data = in.readNBytes((int) size);
        in.skipNBytes((512 - size % 512) % 512);
        if (type == 'L') {
          longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        if (longName != null) {
          name = longName;
          longName = null;
        }
        entries.add(new Entry(name, (int) octal(header, 100, 8), octal(header, 108, 8),
            octal(header, 116, 8), octal(header, 136, 12), type, data));
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Extracts every entry under {@code target}, with its permission bits, as an installer does. */
  static void extract(List<Entry> entries, Path target) throws IOException {
    for (Entry e : entries) {
      Path p = target.resolve(e.name()).normalize();
      if (!p.startsWith(target)) {
        throw new IOException("entry outside the target folder: " + e.name());
      }
      if (e.isDirectory()) {
        Files.createDirectories(p);
      } else if (e.isFile()) {
        Files.createDirectories(p.getParent());
        Files.write(p, e.data());
        Files.setPosixFilePermissions(p, permissions(e.mode()));
      } else {
        throw new IOException("unexpected entry type '" + e.type() + "': " + e.name());
      }
    }
    for (Entry e : entries) {
      if (e.isDirectory()) {
        Files.setPosixFilePermissions(target.resolve(e.name()), permissions(e.mode()));
      }
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(order[bit]);
      }
    }
    return set;
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len) {
    String s = text(b, off, len).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }
}
