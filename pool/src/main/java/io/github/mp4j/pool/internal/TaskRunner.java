package io.github.mp4j.pool.internal;

import io.github.mp4j.spi.Serializer;
import java.util.HashMap;
import java.util.Map;

/**
 * What a worker does with the parent's TASK, CHUNK, FUNCTION and FORGET frames, in the order sent: runs a task into
 * its outcome message, keeps the map functions a chunk needs. Used by one thread at a time (the {@link WorkerLoop}'s
 * runner, handed over under its lock).
 */
final class TaskRunner {
    private final Serializer serializer;
    /** Map functions by id: the function, or the Throwable that decoding it threw. */
    private final Map<Long, Object> functions = new HashMap<>();

    /** @param serializer the pool's serializer, which chunk elements are encoded with */
    TaskRunner(Serializer serializer) {
        this.serializer = serializer;
    }

    /** A FUNCTION frame: decodes and keeps the map's function (or why it failed); a FORGET frame: drops it. */
    void mapFunction(byte[] frame) {
        long fn = Wire.id(frame);
        if (frame[0] == Wire.FORGET) {
            functions.remove(fn);
            return;
        }
        Object function;
        try {
            function = Wire.function(frame);
        } catch (Throwable t) { // every chunk of this map fails with it
            function = t;
        }
        functions.put(fn, Wire.pairs(frame) ? new Pairs(function) : function);
    }

    /** Runs a TASK or CHUNK frame; its RESULT or ERROR message. */
    Object[] run(long id, byte[] frame) {
        try {
            return frame[0] == Wire.TASK ? Wire.message(id, Wire.RESULT, Wire.work(frame).run())
                    : Wire.chunkResults(id, runChunk(frame));
        } catch (Throwable t) {
            return Wire.message(id, Wire.ERROR, RemoteErrors.flatten(t));
        }
    }

    private java.util.List<Object> runChunk(byte[] frame) throws Throwable {
        long fn = Wire.chunkFunction(frame);
        Object function = functions.get(fn);
        if (function == null) {
            throw new IllegalStateException("map function " + fn + " is unknown in this worker: its chunk came"
                    + " after the map ended");
        }
        boolean pairs = function instanceof Pairs;
        Object f = pairs ? ((Pairs) function).function : function;
        if (f instanceof Throwable) {
            throw (Throwable) f;
        }
        return MapFunction.apply(f, pairs, Wire.elements(frame, serializer));
    }

    /** A starmap's function (or why it failed to decode), applied to pairs. */
    private record Pairs(Object function) {
    }
}
