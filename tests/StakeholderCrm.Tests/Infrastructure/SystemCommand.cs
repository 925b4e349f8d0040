using System.Diagnostics;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>A program of the system a test needs (chattr, mount): its exit code, or -1 where it is not installed.</summary>
public static class SystemCommand
{
    public static int Run(string program, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
