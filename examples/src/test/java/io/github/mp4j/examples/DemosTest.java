package io.github.mp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.internal.LocalProcess;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each demo's main, run as {@code exec:exec} runs it, ends with exit code 0 and prints what it shows. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemosTest {
    @Test
    void articleDemoPrintsTheArticlesOutputFromRealChildJvms() throws Exception {
        DemoRun run = DemoRun.of(ArticleDemo.class);
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.otherLines()).containsExactly(
                "========== test queue start ==========", "========== test queue end ==========",
                "========== test pipe start ==========", "========== test pipe end ==========");
        assertThat(run.messagesOf(run.demoPid())).containsExactly(
                "send: helloworld", "send: testmsg", "send: quit", "JvmProcess-1 alive=false exitCode=0",
                "send: helloworld", "send: testmsg", "send: quit", "JvmProcess-2 alive=false exitCode=0");
        List<Long> children = run.logged().stream().map(DemoRun.Logged::pid).filter(p -> p != run.demoPid())
                .distinct().toList();
        assertThat(children).hasSize(2);
        for (long child : children) {
            assertThat(run.messagesOf(child)).containsExactly("recv: helloworld", "recv: testmsg",
                    "child process end~");
        }
    }

    @Test
    void workerPoolDemoRunsEveryTaskOnceAndStopsEveryWorker() throws Exception {
        DemoRun run = DemoRun.of(WorkerPoolDemo.class);
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.messagesOf(run.demoPid())).containsExactly(
                "put 12 tasks; waiting in join()",
                "join() returned: every task is done",
                "results: {1=1, 2=4, 3=9, 4=16, 5=25, 6=36, 7=49, 8=64, 9=81, 10=100, 11=121, 12=144}",
                "worker-1 exitCode=0", "worker-2 exitCode=0", "worker-3 exitCode=0");
        List<String> stops = run.messagesOfChildren();
        assertThat(stops).hasSize(3).allMatch(m -> m.matches("worker-[123] stops after \\d+ tasks"));
        assertThat(stops.stream().mapToInt(m -> Integer.parseInt(m.split(" ")[3])).sum()).isEqualTo(12);
    }

    @Test
    void workerPoolDemoTakesTheNumberOfWorkersAsItsArgument() throws Exception {
        DemoRun run = DemoRun.of(WorkerPoolDemo.class, "1");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.messagesOfChildren()).containsExactly("worker-1 stops after 12 tasks");
    }

    @Test
    void distributedQueueDemoRunsEveryTaskOnceThroughRedisWithTwoWorkerJvms() throws Exception {
        DemoRun run = DemoRun.of(DistributedQueueDemo.class);
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.messagesOf(run.demoPid())).containsExactly(
                "started redis-server for the demo",
                "put 8 tasks in Redis; waiting in join()",
                "join() returned: every task is done",
                "results: {1=1, 2=4, 3=9, 4=16, 5=25, 6=36, 7=49, 8=64}",
                "worker-1 exitCode=0", "worker-2 exitCode=0");
        List<String> stops = run.messagesOfChildren();
        assertThat(stops).hasSize(2).allMatch(m -> m.matches("worker-[12] stops after \\d+ tasks"));
        assertThat(stops.stream().mapToInt(m -> Integer.parseInt(m.split(" ")[3])).sum()).isEqualTo(8);
    }

    @Test
    void missingClassDemoRaisesMissingTypeExceptionInTheChildAndTheNextItemArrives() throws Exception {
        DemoRun run = DemoRun.of(MissingClassDemo.class);
        assertThat(run.exitCode).as(run.toString()).isZero();
        String order = "io.github.mp4j.examples.MissingClassDemo$Order";
        assertThat(run.messagesOf(run.demoPid())).containsExactly(
                "put Order[id=42, item=book] (class " + order + ")", "put \"after the order\"",
                "receiver exitCode=0");
        long child = run.logged().stream().mapToLong(DemoRun.Logged::pid).filter(p -> p != run.demoPid())
                .findFirst().orElseThrow();
        String localId = LocalProcess.id();
        String process = child + localId.substring(localId.indexOf('@'));
        assertThat(run.messagesOf(child)).containsExactly(
                "child: MissingTypeException: Can't find class " + order + " in process " + process
                        + " (serializer jdk): add it to this process's class path",
                "child: typeName=" + order + " process=" + process,
                "child got \"after the order\"");
    }

    @Test
    void pythonInteropDemoExchangesBytesWithCPythonOrSaysWhyItSkipped() throws Exception {
        DemoRun run = DemoRun.of(PythonInteropDemo.class);
        assertThat(run.exitCode).as(run.toString()).isZero();
        if (!pythonAvailable()) {
            assertThat(run.messagesOf(run.demoPid())).containsExactly("skipped: python3 is not on the PATH");
            return;
        }
        List<String> java = run.messagesOf(run.demoPid());
        assertThat(java).hasSize(6);
        assertThat(java.get(0)).startsWith("using Python 3.");
        assertThat(java.get(1)).matches("accepted a CPython client on /.*/demo\\.sock \\(authkey checked\\)");
        assertThat(java.get(2)).startsWith("recv_bytes: hello from Python 3.");
        // The test class path has no pickle serializer (only -Ddemo=PythonInteropDemo adds it): bytes only.
        assertThat(java.subList(3, 6)).containsExactly("sha256 of 100000 random bytes: python agrees",
                "dict exchange skipped: mp4j-serializer-pickle is not on the class path (run with"
                        + " -Ddemo=PythonInteropDemo)",
                "python3 exitCode=0");
        assertThat(run.otherLines()).containsExactly("========== python interop start ==========",
                "[python] recv_bytes: hello from Java " + Runtime.version().feature(),
                "[python] recv_bytes: 100000 bytes", "[python] recv_bytes: bye",
                "========== python interop end ==========");
    }

    private static boolean pythonAvailable() throws InterruptedException {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void poolDemoMapsWithAProgressBarAndReRaisesTheWorkersException() throws Exception {
        DemoRun run = DemoRun.of(PoolDemo.class);
        assertThat(run.exitCode).as(String.join("\n", run.lines)).isZero();
        assertThat(run.lines).anyMatch(l -> l.endsWith("] 400/400"));
        assertThat(run.lines).contains("primes below 100: 25, below 40000: 4203");
        assertThat(run.lines).anyMatch(l -> l.matches("re-raised in the parent: java\\.lang\\.NumberFormatException: For"
                + " input string: \"forty-two\" \\[in worker JvmPool-1-worker-\\d, pid \\d+]"));
    }
}
