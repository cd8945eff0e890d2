package io.github.mp4j.process;

/**
 * A target that needs nothing but the JDK and mp4j-process: prints its class path, then for each argument (a class
 * name) whether this JVM can load it, one {@code name=loaded|missing} line each.
 */
public final class ClassPathProbe implements ProcessTarget {
    @Override
    public void run(Object... args) {
        StringBuilder out = new StringBuilder("class path=").append(System.getProperty("java.class.path")).append('\n');
        for (Object name : args) {
            out.append(name).append('=').append(loadable((String) name) ? "loaded" : "missing").append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, ClassPathProbe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
