package io.github.mp4j.spi;

import io.github.mp4j.DecodeException;
import io.github.mp4j.HandleRefusedException;
import io.github.mp4j.MissingTypeException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.internal.DecodeFailedEvent;
import io.github.mp4j.internal.Recordings;
import io.github.mp4j.internal.LocalProcess;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * What this process allows a handle it decodes — a {@link io.github.mp4j.Connection} end or a queue handed over by
 * another process — to re-attach to, and with which rules the re-attached end or queue then decodes.
 *
 * <p>A handle carries the sender's serializer name, type policy, largest frame and server address. None of them may
 * widen what the receiver allows: the connection or queue that decodes a payload sets its rules around
 * {@link Serializer#decode} ({@link #decode}), and a handle's {@code readResolve} reads them ({@link #current()}):
 * <ul>
 *   <li>the re-attached end or queue decodes with the receiving rules' policy
 *       {@linkplain TypePolicy#intersect intersected} with the handle's (a handle may narrow, never widen), and its
 *       largest frame is the smaller of the two;</li>
 *   <li>its serializer must be installed here and be the serializer of the connection or queue the handle came
 *       through;</li>
 *   <li>it attaches only to a Unix socket directly inside an mp4j private directory of this user (an
 *       absolute path with no {@code .} or {@code ..}, whose directory is named {@code mp4j-*} or is the receiving
 *       side's configured socket directory, is not a symbolic link, is owned by this user and open to no one else;
 *       the socket file, if present, is no symbolic link and is this user's), or over TCP where the receiving side opted in
 *       ({@code attachHandlesOverTcp(true)}, off by default).</li>
 * </ul>
 * Anything else throws {@link HandleRefusedException} before any connection is made; the message is consumed and
 * the connection or queue stays usable.
 *
 * <p>Two rules have no receiving connection. A handle decoded with no rules set on the thread (a plain
 * {@code serializer.decode(...)} call, {@code ObjectInputStream}) gets {@link #noContext()}: the default
 * {@link TypePolicy#defaults()} policy, any installed serializer, frames up to 64 MiB, no TCP. The start arguments of
 * a child JVM get {@link #trustedParent()}: they were written by the parent that started this JVM, whose settings
 * the child takes as they come (policy, serializer, largest frame, and the parent's socket directory even if it is
 * not named {@code mp4j-*}); the address must still be an owner-only Unix socket directory of this user, never TCP.
 */
public final class HandleRules {
    /** The name prefix of mp4j's private socket directories, where received handles may attach. */
    public static final String PRIVATE_DIRECTORY_PREFIX = "mp4j-";
    /** The largest frame a handle decoded with no rules on the thread may use: 64 MiB, the pipe default. */
    public static final long NO_CONTEXT_MAX_FRAME_LENGTH = 64L * 1024 * 1024;

    private static final ThreadLocal<HandleRules> CURRENT = new ThreadLocal<>();
    private static final HandleRules NO_CONTEXT = new HandleRules(Kind.NO_CONTEXT, TypePolicy.defaults(), null,
            NO_CONTEXT_MAX_FRAME_LENGTH, false, null);
    private static final HandleRules TRUSTED_PARENT = new HandleRules(Kind.TRUSTED_PARENT, TypePolicy.allowAll(),
            null, Long.MAX_VALUE, false, null);

    private enum Kind { RECEIVING, NO_CONTEXT, TRUSTED_PARENT }

    private final Kind kind;
    private final TypePolicy policy;
    private final String serializer;
    private final long maxFrameLength;
    private final boolean attachOverTcp;
    private final Supplier<java.nio.file.Path> socketDirectory;

    private HandleRules(Kind kind, TypePolicy policy, String serializer, long maxFrameLength, boolean attachOverTcp,
                        Supplier<java.nio.file.Path> socketDirectory) {
        this.kind = kind;
        this.policy = policy;
        this.serializer = serializer;
        this.maxFrameLength = maxFrameLength;
        this.attachOverTcp = attachOverTcp;
        this.socketDirectory = socketDirectory;
    }

    /**
     * The rules of a connection or queue that decodes with this serializer and policy.
     *
     * @param serializer the name of the serializer the connection or queue decodes with
     * @param policy its type policy
     * @param maxFrameLength the largest frame it accepts
     * @param attachOverTcp whether handles it receives may attach over TCP
     * @param socketDirectory its configured socket directory (asked only when a handle names a Unix socket outside
     *     an {@code mp4j-*} directory), or null
     */
    public static HandleRules receiving(String serializer, TypePolicy policy, long maxFrameLength,
                                        boolean attachOverTcp, Supplier<java.nio.file.Path> socketDirectory) {
        return new HandleRules(Kind.RECEIVING, Objects.requireNonNull(policy, "policy"),
                Objects.requireNonNull(serializer, "serializer"), maxFrameLength, attachOverTcp, socketDirectory);
    }

    /** The rules for a handle decoded with none set on this thread: see the class comment. */
    public static HandleRules noContext() {
        return NO_CONTEXT;
    }

    /** The rules for a child JVM's start arguments, written by its own parent: see the class comment. */
    public static HandleRules trustedParent() {
        return TRUSTED_PARENT;
    }

    /** The rules set on this thread by the connection or queue decoding now, else {@link #noContext()}. */
    public static HandleRules current() {
        HandleRules r = CURRENT.get();
        return r != null ? r : NO_CONTEXT;
    }

    /**
     * Decodes one payload with {@code s} and this rules' policy, with these rules set on this thread meanwhile (so
     * that handles in the payload consult them).
     *
     * @throws HandleRefusedException carrying a copy of the payload if a handle in it was refused
     * @throws io.github.mp4j.DecodeException as {@link Serializer#decode} does
     */
    public Object decode(Serializer s, byte[] payload, int offset, int length) {
        HandleRules previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return s.decode(payload, offset, length, policy);
        } catch (HandleRefusedException e) {
            recordDecodeFailure(s.name(), null, length, e.getMessage());
            if (e.payload().length > 0 || length == 0) {
                throw e;
            }
            HandleRefusedException withPayload = new HandleRefusedException(s.name(), e.getMessage(),
                    java.util.Arrays.copyOfRange(payload, offset, offset + length));
            withPayload.setStackTrace(e.getStackTrace());
            throw withPayload;
        } catch (DecodeException e) {
            recordDecodeFailure(s.name(), typeNameOf(e), length, e.getMessage());
            throw e;
        } finally {
            restore(previous);
        }
    }

    /** A {@code mp4j.DecodeFailed} event, only while JFR runs: its class alone would set JFR up in this JVM. */
    private static void recordDecodeFailure(String serializer, String typeName, int length, String message) {
        if (Recordings.active()) {
            DecodeFailedEvent.emit(serializer, typeName, length, message);
        }
    }

    /** Runs {@code action} with these rules set on this thread (e.g. reading a child's start arguments). */
    public <T> T within(Callable<T> action) throws Exception {
        HandleRules previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return action.call();
        } finally {
            restore(previous);
        }
    }

    /** The type a decode failure names, for its JFR event; null when it names none. */
    private static String typeNameOf(DecodeException e) {
        if (e instanceof TypeNotAllowedException) {
            return ((TypeNotAllowedException) e).typeName();
        }
        return e instanceof MissingTypeException ? ((MissingTypeException) e).typeName() : null;
    }

    private static void restore(HandleRules previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** The name of the serializer of the connection or queue; null for the no-context and trusted-parent rules. */
    public String serializerName() {
        return serializer;
    }

    /** Whether handles decoded under these rules may attach over TCP. */
    public boolean attachOverTcp() {
        return attachOverTcp;
    }

    /** The receiving side's socket directory (a Unix socket there passes whatever its name), or null. */
    public java.nio.file.Path socketDirectory() {
        return socketDirectory == null ? null : socketDirectory.get();
    }

    /** The policy the connection or queue decodes with; for the trusted parent, allow-all (the handle decides). */
    public TypePolicy policy() {
        return policy;
    }

    /** The policy a re-attached end or queue decodes with: these rules' policy narrowed by the handle's. */
    public TypePolicy policyFor(TypePolicy carried) {
        if (carried == null) {
            return kind == Kind.TRUSTED_PARENT ? TypePolicy.defaults() : policy;
        }
        return policy.intersect(carried);
    }

    /** The largest frame a re-attached end or queue accepts: the smaller of these rules' and the handle's. */
    public long maxFrameLengthFor(long carried, String what) {
        if (carried < 0) {
            throw refused(what + " declares a negative largest frame (" + carried + "): the handle is forged or"
                    + " corrupt");
        }
        return Math.min(carried, maxFrameLength);
    }

    /**
     * The serializer a re-attached end or queue uses: the one the handle names, if it is installed here and (for
     * a handle received through a connection or queue) is the serializer of that connection or queue.
     *
     * @param carried the serializer name in the handle
     * @param what the handle, for the message, e.g. {@code "the pipe end handed over by process 42@host"}
     * @throws HandleRefusedException naming the serializer otherwise
     */
    public Serializer serializerFor(String carried, String what) {
        if (carried == null) {
            throw refused(what + " names no serializer: the handle is forged or corrupt");
        }
        if (kind == Kind.RECEIVING && !carried.equals(serializer)) {
            throw refused(what + " uses serializer '" + carried + "' but arrived through a connection or queue"
                    + " that uses '" + serializer + "'; a received handle may only use the serializer of the"
                    + " connection or queue it arrived through: make both with the same serializer");
        }
        try {
            return Serializers.byName(carried);
        } catch (IllegalArgumentException e) {
            throw refused(what + " uses serializer '" + carried + "', which is not installed in process "
                    + LocalProcess.id() + " (installed: " + Serializers.names() + "); add that serializer to this"
                    + " process's class path, or make the handed-over object with an installed one");
        }
    }

    /**
     * Checks, before anything connects, that a handle may attach to {@code address}: see the class comment.
     *
     * @throws HandleRefusedException saying what was refused and what to do
     */
    public void checkAddress(String address, String what) {
        String problem = AttachAddresses.problem(address, attachOverTcp,
                kind == Kind.TRUSTED_PARENT ? null : socketDirectory, kind == Kind.TRUSTED_PARENT);
        if (problem != null) {
            throw refused("refused " + what + ": " + problem + "; nothing was connected");
        }
    }

    /**
     * The rules a re-attached end or queue decodes with in turn: its own serializer, policy and largest frame, and
     * these rules' choice about TCP; a handle from the trusted parent also allows its own socket directory.
     */
    public HandleRules narrowedTo(Serializer s, TypePolicy narrowed, long narrowedMaxFrame, String address) {
        Supplier<java.nio.file.Path> dir = socketDirectory;
        if (kind == Kind.TRUSTED_PARENT && address != null && address.startsWith("/")) {
            java.nio.file.Path parent = java.nio.file.Path.of(address).getParent();
            dir = () -> parent;
        }
        return new HandleRules(Kind.RECEIVING, narrowed, s.name(), narrowedMaxFrame, attachOverTcp, dir);
    }

    private HandleRefusedException refused(String message) {
        return new HandleRefusedException(serializer != null ? serializer : "none", message, null);
    }

    @Override
    public String toString() {
        return "HandleRules[" + kind + (kind == Kind.RECEIVING ? ", serializer=" + serializer + ", policy=" + policy
                + ", maxFrameLength=" + maxFrameLength + ", attachOverTcp=" + attachOverTcp : "") + "]";
    }
}
