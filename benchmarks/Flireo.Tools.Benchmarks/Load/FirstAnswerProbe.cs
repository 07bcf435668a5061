using System.Diagnostics;
using System.Globalization;
using System.Net;
using Flireo.Tools.Benchmarks.Support;

namespace Flireo.Tools.Benchmarks.Load;

/// <summary>Starts a server process and times how long until it answers a signed webhook with 200; then stops it.</summary>
/// <remarks>
/// Usage: <c>first-answer --url http://127.0.0.1:5090/flireo [--timeout-s 60] [--tool lookup_contact] [--arguments '{"query":"Jan de Vries"}']
/// [--expect c_42] -- dotnet Server.dll ...</c>; prints JSON. The webhook is the shared <c>body.json</c>, with another tool and
/// arguments when given; an answer without the expected text (an error result, say) fails the probe.
/// </remarks>
internal static class FirstAnswerProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var line = new CommandLine(args);
        var url = new Uri(line.Text("url"));
        var timeout = TimeSpan.FromSeconds(line.Number("timeout-s", 60));
        if (line.Rest.Length == 0)
        {
            throw new ArgumentException("Give the server command after --.");
        }

        var bodies = SignedBodies.Create(1, line.Text("tool", "lookup_contact"), line.Text("arguments", """{"query":"Jan de Vries"}"""));
        var expect = line.Text("expect", "\"results\"");
        using var client = new WebhookClient(TimeSpan.FromSeconds(5));
        var start = new ProcessStartInfo(line.Rest[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in line.Rest[1..])
        {
            start.ArgumentList.Add(arg);
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var attempts = 0;
        try
        {
            while (Stopwatch.GetElapsedTime(started) < timeout)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The server exited with code {process.ExitCode} before answering.");
                }

                attempts++;
                try
                {
                    var (status, body, _) = await client.PostAsync(url, bodies, 0, CancellationToken.None);
                    if (status == HttpStatusCode.OK && body.Contains("\"results\"", StringComparison.Ordinal))
                    {
                        if (!body.Contains(expect, StringComparison.Ordinal))
                        {
                            throw new InvalidOperationException($"The server answered without '{expect}': {body}");
                        }

                        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        var cpu = CpuMilliseconds(process.Id);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"firstAnswerMs\":{ms:0.0},\"cpuMs\":{(cpu is { } c ? c.ToString("0.0", CultureInfo.InvariantCulture) : "null")},\"attempts\":{attempts}}}"));
                        return 0;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(1);
            }

            throw new TimeoutException($"The server did not answer within {timeout.TotalSeconds} s.");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
    }

    /// <summary>The CPU time the server's threads have used so far (Linux: the sum of /proc/PID/task/*/schedstat), or <see langword="null"/> elsewhere.</summary>
    /// <remarks>
    /// On a busy machine the wall time to the first answer mostly measures the neighbours; the CPU time the start took is
    /// far steadier. Threads that already ended are not counted, so it is a lower bound.
    /// </remarks>
    private static double? CpuMilliseconds(int pid)
    {
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return null;
        }

        long nanoseconds = 0;
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                var text = File.ReadAllText(Path.Combine(task, "schedstat"));
                nanoseconds += long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return nanoseconds / 1e6;
    }
}
