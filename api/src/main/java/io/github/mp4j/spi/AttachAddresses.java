package io.github.mp4j.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Judges the address a received handle wants to attach to, without connecting: an absolute Unix socket path
 * directly inside a private directory of this user, or TCP where allowed. A missing directory or socket file passes
 * (nothing listens there, so attaching fails as "gone"); the check runs again just before connecting.
 */
final class AttachAddresses {
    private static final String PRIVATE_DIRECTORY_PREFIX = HandleRules.PRIVATE_DIRECTORY_PREFIX;

    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static volatile UserPrincipal user;

    private AttachAddresses() {
    }

    /**
     * What is wrong with attaching to {@code address}, or null if nothing is.
     *
     * @param tcp whether a TCP {@code host:port} is allowed
     * @param socketDirectory the receiving side's own socket directory, also allowed (null: none)
     * @param anyPrivateDirectory whether any owner-only directory of this user is allowed, whatever its name
     */
    static String problem(String address, boolean tcp, Supplier<Path> socketDirectory, boolean anyPrivateDirectory) {
        if (address == null || address.isEmpty()) {
            return "it names no address (the handle is forged or corrupt)";
        }
        if (!address.startsWith("/")) {
            if (address.indexOf('/') >= 0) {
                return "its socket path '" + address + "' is not absolute";
            }
            return tcp ? null : "it names the TCP address " + address + ", and handles attach over TCP only where"
                    + " the receiving connection or queue opted in; if the sender is trusted, build the receiving"
                    + " side with attachHandlesOverTcp(true) (ConnectionOptions or QueueFactory)";
        }
        Path socket;
        try {
            socket = Path.of(address);
        } catch (InvalidPathException e) {
            return "its socket path is not a valid path (" + e.getMessage() + ")";
        }
        for (Path part : socket) {
            if (part.toString().equals(".") || part.toString().equals("..")) {
                return "its socket path " + address + " contains '" + part + "'";
            }
        }
        Path dir = socket.getParent();
        if (dir == null || dir.getFileName() == null) {
            return "its socket path " + address + " is not inside a directory";
        }
        if (!anyPrivateDirectory && !dir.getFileName().toString().startsWith(PRIVATE_DIRECTORY_PREFIX)
                && !isOwn(dir, socketDirectory)) {
            return "its socket " + address + " is not inside an mp4j private directory (" + PRIVATE_DIRECTORY_PREFIX
                    + "* or this side's socket directory); handles attach only to sockets of this user's mp4j"
                    + " processes";
        }
        return privacyProblem(socket, dir);
    }

    private static boolean isOwn(Path dir, Supplier<Path> socketDirectory) {
        if (socketDirectory == null) {
            return false;
        }
        Path own = socketDirectory.get();
        return own != null && dir.equals(own.toAbsolutePath().normalize());
    }

    /** Checks the directory (and the socket file, if present) without following links; null if both are private. */
    private static String privacyProblem(Path socket, Path dir) {
        try {
            PosixFileAttributes d = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (d.isSymbolicLink() || !d.isDirectory()) {
                return "the directory " + dir + " of its socket is " + (d.isSymbolicLink() ? "a symbolic link"
                        : "not a directory") + "; handles attach only inside a real private directory";
            }
            UserPrincipal me = currentUser();
            if (!d.owner().equals(me)) {
                return "the directory " + dir + " of its socket is owned by " + d.owner().getName() + ", not by"
                        + " this process's user " + me.getName();
            }
            if (d.permissions().stream().anyMatch(NOT_OWNER::contains)) {
                return "the directory " + dir + " of its socket has permissions "
                        + PosixFilePermissions.toString(d.permissions()) + ", not owner-only (rwx------)";
            }
            PosixFileAttributes f;
            try {
                f = Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return null;
            }
            if (f.isSymbolicLink() || !f.isOther()) {
                return "its socket " + socket + " is " + (f.isSymbolicLink() ? "a symbolic link" : "not a socket");
            }
            if (!f.owner().equals(me)) {
                return "its socket " + socket + " is owned by " + f.owner().getName() + ", not by this process's"
                        + " user " + me.getName();
            }
            return null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | UncheckedIOException | UnsupportedOperationException e) {
            return "the directory " + dir + " of its socket cannot be checked (" + e + ")";
        }
    }

    /** This process's user: the owner of a file it creates (once per JVM). */
    private static UserPrincipal currentUser() throws IOException {
        UserPrincipal u = user;
        if (u == null) {
            Path probe = Files.createTempFile("mp4j-owner-", ".probe");
            try {
                u = Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
            } finally {
                Files.deleteIfExists(probe);
            }
            user = u;
        }
        return u;
    }
}
