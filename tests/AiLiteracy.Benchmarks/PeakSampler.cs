using System.Diagnostics;

namespace AiLiteracy.Benchmarks;

/// <summary>
/// Samples the managed heap and the working set every 5 ms on a background thread and keeps the peaks, with the heap
/// measured after a full collection at the start as the baseline.
/// </summary>
internal sealed class PeakSampler
{
    private readonly Thread thread;
    private readonly long baseline;
    private volatile bool stop;
    private long heap;
    private long workingSet;

    private PeakSampler(long baseline)
    {
        this.baseline = baseline;
        thread = new Thread(Run) { IsBackground = true, Name = "peak-sampler" };
    }

    public static PeakSampler Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var sampler = new PeakSampler(GC.GetTotalMemory(false));
        sampler.thread.Start();
        return sampler;
    }

    public (long Baseline, long Heap, long WorkingSet) Stop()
    {
        stop = true;
        thread.Join();
        return (baseline, heap, workingSet);
    }

    private void Run()
    {
        using var process = Process.GetCurrentProcess();
        while (!stop)
        {
            heap = Math.Max(heap, GC.GetTotalMemory(false));
            process.Refresh();
            workingSet = Math.Max(workingSet, process.WorkingSet64);
            Thread.Sleep(5);
        }
    }
}
