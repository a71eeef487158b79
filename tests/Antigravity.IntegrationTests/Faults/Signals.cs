using System.Runtime.InteropServices;

namespace Antigravity.IntegrationTests.Faults;

/// <summary><c>kill -STOP</c> / <c>kill -CONT</c> / <c>kill -9</c> of one process id, as a shell would send them.</summary>
internal static partial class Signals
{
    public const int Kill = 9, Continue = 18, Stop = 19;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; throws when the process cannot be signalled.</summary>
    public static void Send(int pid, int signal)
    {
        if (SendSignal(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>The process's state letter from /proc (R, S, T for stopped…), or null when it is gone.</summary>
    public static char? State(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0];
        }
        catch (IOException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
