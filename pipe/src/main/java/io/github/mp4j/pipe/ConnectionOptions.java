package io.github.mp4j.pipe;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.pipe.internal.SocketFiles;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link io.github.mp4j.Connection} of this module is configured with: the serializer, the type
 * policy, the authkey, the largest frame accepted, the directory for Unix socket files and the handshake timeout.
 * Immutable; build one with {@link #builder()} or derive one with {@link #toBuilder()}.
 */
public final class ConnectionOptions {
    /** The default largest frame: 64 MiB. */
    public static final long DEFAULT_MAX_FRAME_LENGTH = 64L * 1024 * 1024;
    /** The largest frame a Java byte array can hold, and so the largest allowed {@code maxFrameLength}. */
    public static final long LARGEST_MAX_FRAME_LENGTH = Integer.MAX_VALUE - 8;
    /** The default time allowed for the authkey handshake: 10 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private static final ConnectionOptions DEFAULTS = new Builder().build();

    private final Serializer serializer;
    private final TypePolicy typePolicy;
    private final byte[] authkey;
    private final long maxFrameLength;
    private final Path socketDirectory;
    private final Duration handshakeTimeout;
    private final boolean attachHandlesOverTcp;
    private final Transport transport;

    private ConnectionOptions(Builder b) {
        this.serializer = b.serializer;
        this.typePolicy = b.typePolicy;
        this.authkey = b.authkey;
        this.maxFrameLength = b.maxFrameLength;
        this.socketDirectory = b.socketDirectory;
        this.handshakeTimeout = b.handshakeTimeout;
        this.attachHandlesOverTcp = b.attachHandlesOverTcp;
        this.transport = b.transport;
    }

    /** The defaults: default serializer and type policy, no authkey, 64 MiB frames, private socket directory. */
    public static ConnectionOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.serializer = serializer;
        b.typePolicy = typePolicy;
        b.authkey = authkey;
        b.maxFrameLength = maxFrameLength;
        b.socketDirectory = socketDirectory;
        b.handshakeTimeout = handshakeTimeout;
        b.attachHandlesOverTcp = attachHandlesOverTcp;
        b.transport = transport;
        return b;
    }

    /**
     * The serializer {@link io.github.mp4j.Connection#send(Object)} and {@code recv()} use; if none was set, the
     * one {@link Serializers#defaultSerializer()} picks (looked up on first use).
     *
     * @throws IllegalStateException if none was set and no serializer is installed
     */
    public Serializer serializer() {
        return serializer != null ? serializer : Serializers.defaultSerializer();
    }

    /** The policy deciding which types {@code recv()} may decode. */
    public TypePolicy typePolicy() {
        return typePolicy;
    }

    /** A copy of the authkey, or null when connections are not authenticated. */
    public byte[] authkey() {
        return authkey == null ? null : authkey.clone();
    }

    /** Whether an authkey (non-empty) is set, so the challenge handshake runs. */
    public boolean hasAuthkey() {
        return authkey != null && authkey.length > 0;
    }

    /** The largest frame payload accepted, in bytes; longer frames are refused before any allocation. */
    public long maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * The directory where {@link Pipe} creates its short-lived socket files: the one set, or a private
     * directory (mode 0700) created on first use under {@code java.io.tmpdir} and deleted at JVM exit.
     *
     * @throws java.io.UncheckedIOException if the private directory cannot be created
     */
    public Path socketDirectory() {
        return socketDirectory != null ? socketDirectory : SocketFiles.privateDirectory();
    }

    /** How long the authkey handshake may take before it fails with an authentication error. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * Whether a pipe end or queue received inside a message on a connection with these options may attach to its
     * owner over TCP. False by default: received handles attach only to Unix sockets in an mp4j private directory
     * of this user (see {@link io.github.mp4j.spi.HandleRules}); a handle naming a TCP address is refused with
     * {@link io.github.mp4j.HandleRefusedException} before anything connects.
     */
    public boolean attachHandlesOverTcp() {
        return attachHandlesOverTcp;
    }

    /** What carries frames between two mp4j JVMs on one host; {@link Transport#AUTO} by default. */
    public Transport transport() {
        return transport;
    }

    /** Describes the options; never shows the authkey. */
    @Override
    public String toString() {
        return "ConnectionOptions[serializer=" + (serializer == null ? "default" : serializer.name())
                + ", typePolicy=" + typePolicy + ", authkey=" + (hasAuthkey() ? "set" : "none")
                + ", maxFrameLength=" + maxFrameLength + ", socketDirectory="
                + (socketDirectory == null ? "private" : socketDirectory) + ", handshakeTimeout="
                + handshakeTimeout + (attachHandlesOverTcp ? ", attachHandlesOverTcp" : "")
                + (transport == Transport.AUTO ? "" : ", transport=" + transport) + "]";
    }

    /** Builds {@link ConnectionOptions}; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private Serializer serializer;
        private TypePolicy typePolicy = TypePolicy.defaults();
        private byte[] authkey;
        private long maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
        private Path socketDirectory;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private boolean attachHandlesOverTcp;
        private Transport transport = Transport.AUTO;

        private Builder() {
        }

        /** Uses this serializer for objects. */
        public Builder serializer(Serializer serializer) {
            this.serializer = Objects.requireNonNull(serializer, "serializer");
            return this;
        }

        /**
         * Uses the installed serializer with this name, e.g. {@code "jdk"}.
         *
         * @throws IllegalArgumentException if no serializer of that name is installed (naming those that are)
         */
        public Builder serializer(String name) {
            this.serializer = Serializers.byName(Objects.requireNonNull(name, "serializer name"));
            return this;
        }

        /** Uses this policy to decide which types may be decoded. */
        public Builder typePolicy(TypePolicy typePolicy) {
            this.typePolicy = Objects.requireNonNull(typePolicy, "typePolicy");
            return this;
        }

        /** Authenticates connections with this key (copied); null or empty means no authentication. */
        public Builder authkey(byte[] authkey) {
            this.authkey = authkey == null ? null : authkey.clone();
            return this;
        }

        /**
         * Refuses frames longer than this many bytes.
         *
         * @throws IllegalArgumentException if negative or above {@link #LARGEST_MAX_FRAME_LENGTH}
         */
        public Builder maxFrameLength(long maxFrameLength) {
            if (maxFrameLength < 0) {
                throw new IllegalArgumentException("maxFrameLength < 0: " + maxFrameLength);
            }
            if (maxFrameLength > LARGEST_MAX_FRAME_LENGTH) {
                throw new IllegalArgumentException("maxFrameLength " + maxFrameLength
                        + " exceeds the largest Java byte array (" + LARGEST_MAX_FRAME_LENGTH + ")");
            }
            this.maxFrameLength = maxFrameLength;
            return this;
        }

        /**
         * Creates pipe socket files in this directory, which must be private to the user (mode 0700). Pipe ends and
         * queues received on connections with these options may also attach to sockets in it (besides mp4j's own
         * {@code mp4j-*} private directories).
         */
        public Builder socketDirectory(Path socketDirectory) {
            this.socketDirectory = Objects.requireNonNull(socketDirectory, "socketDirectory");
            return this;
        }

        /**
         * Fails a handshake that takes longer than this.
         *
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder handshakeTimeout(Duration handshakeTimeout) {
            Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
            if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
                throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
            }
            this.handshakeTimeout = handshakeTimeout;
            return this;
        }

        /**
         * Lets pipe ends and queues received on these connections attach over TCP (off by default): only for
         * peers trusted to name hosts this process may connect to. See {@link #attachHandlesOverTcp()}.
         */
        public Builder attachHandlesOverTcp(boolean allow) {
            this.attachHandlesOverTcp = allow;
            return this;
        }

        /** Chooses what carries frames between two mp4j JVMs on one host; see {@link Transport}. */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** The options built so far. */
        public ConnectionOptions build() {
            return new ConnectionOptions(this);
        }
    }
}
