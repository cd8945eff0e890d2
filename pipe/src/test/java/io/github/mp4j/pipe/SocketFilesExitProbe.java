package io.github.mp4j.pipe;

/**
 * Run in a child JVM by {@link SocketFilesAtExitTest}: binds a listener at the path given as argument, opens a
 * pipe (creating the private socket directory), prints both paths and exits without closing anything.
 */
public final class SocketFilesExitProbe {
    private SocketFilesExitProbe() {
    }

    public static void main(String[] args) throws Exception {
        Listener listener = Listener.bind(args[0], (byte[]) null);
        Pipe.open(true);
        System.out.println(listener.address());
        System.out.println(ConnectionOptions.defaults().socketDirectory());
        System.out.flush();
    }
}
