using System.Runtime.InteropServices;
using System.Text;

namespace Zmq.Samples;

/// <summary>
/// Runs one sample program: picks the role named by the first argument, parses its options, and
/// turns every way of ending into the exit code the command-line contract promises (see
/// <see cref="SampleExitCode"/>) with a one-line message instead of a stack trace.
/// </summary>
public static class SampleHost
{
    /// <summary>Runs the role named by <c>args[0]</c>; returns the process exit code.</summary>
    public static int Run(string program, string[] args, params SampleRole[] roles)
    {
        ArgumentNullException.ThrowIfNull(args);
        Console.OutputEncoding = Encoding.UTF8;
        string roleNames = string.Join("|", roles.Select(r => r.Name));
        try
        {
            if (args.Length == 0)
            {
                throw new SampleUsageException($"usage: {program} <{roleNames}> [options]");
            }
            SampleRole role = roles.FirstOrDefault(r => r.Name == args[0])
                ?? throw new SampleUsageException($"unknown role '{args[0]}' (expected {roleNames.Replace("|", ", ", StringComparison.Ordinal)})");
            SampleOptions options = SampleOptions.Parse(role.Name, args[1..], role.Options);
            using var session = new SampleSession(options);
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true; // Let the role unwind and exit with 130 instead of being killed.
                session.RequestStop(SampleExitCode.Interrupted);
            };
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                session.RequestStop(SampleExitCode.Terminated);
            });
            try
            {
                role.Run(session);
                if (session.StopRequested)
                {
                    // Interrupted between two steps, so the role ended its loop normally: still
                    // report the interruption, whichever step the signal happened to land in.
                    return session.StopExitCode;
                }
                session.Completed = true;
                return SampleExitCode.Success;
            }
            catch (Exception e) when (session.StopRequested && e is ZmqContextTerminatedException or OperationCanceledException)
            {
                return session.StopExitCode;
            }
        }
        catch (SampleUsageException e)
        {
            return Fail(program, e.Message, SampleExitCode.Error);
        }
        catch (SampleTimeoutException e)
        {
            return Fail(program, $"timeout: {e.Message}", SampleExitCode.Timeout);
        }
        catch (ArgumentException e)
        {
            // Bad endpoint or option value: the binding's message already names the value.
            string message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
            return Fail(program, message, SampleExitCode.Error);
        }
        catch (Exception e) when (e is ZmqException or DllNotFoundException or NotSupportedException)
        {
            return Fail(program, e.Message, SampleExitCode.Error);
        }
    }

    private static int Fail(string program, string message, int exitCode)
    {
        // One line, whatever the exception put in its message.
        string line = message.ReplaceLineEndings(" ").Trim();
        Console.Error.WriteLine($"{program}: {line}");
        return exitCode;
    }
}
