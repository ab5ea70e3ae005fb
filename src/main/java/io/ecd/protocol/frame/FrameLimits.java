package io.ecd.protocol.frame;

/**
 * Hard caps on what a frame may declare, so that a corrupt or hostile header cannot make the
 * process allocate without bound.
 *
 * @param maxHeaderBytes longest header line, newline included (default 128)
 * @param maxMetadataBytes largest metadata (default 16 MiB; getinfo is under 4 KiB in practice)
 * @param maxBodyBytes largest body (default 1 GiB less 64 KiB; a 50,000-row chunk with {@code _raw}
 *     is about 61 MB)
 */
public record FrameLimits(int maxHeaderBytes, int maxMetadataBytes, int maxBodyBytes) {

  /** The defaults: 128 B header, 16 MiB metadata, 1 GiB - 64 KiB body. */
  public static final FrameLimits DEFAULT = new FrameLimits(128, 16 << 20, (1 << 30) - (64 << 10));

  public FrameLimits {
    if (maxHeaderBytes < 24 || maxMetadataBytes < 2 || maxBodyBytes < 0) {
      throw new IllegalArgumentException(
          "frame limits too small: header " + maxHeaderBytes + ", metadata " + maxMetadataBytes
              + ", body " + maxBodyBytes);
    }
  }
}
