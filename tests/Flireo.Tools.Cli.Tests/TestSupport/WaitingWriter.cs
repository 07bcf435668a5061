using System.Text;

namespace Flireo.Tools.Cli.Tests.TestSupport;

/// <summary>A thread-safe text writer that lets a test wait until some text has been written (a long-running command's banner).</summary>
internal sealed class WaitingWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Text, TaskCompletionSource Signal)> _waiters = [];

    public WaitingWriter() => NewLine = "\n";

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value);

    public override void WriteLine(string? value) => Append(value + NewLine);

    /// <summary>Waits until the text holds <paramref name="text"/>; fails after the (wide) timeout with what was written.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        TaskCompletionSource signal;
        lock (_text)
        {
            if (_text.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, signal));
        }

        try
        {
            await signal.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{text}' was not written within {timeout}. Written so far:\n{Text}");
        }
    }

    private void Append(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_text)
        {
            _text.Append(value);
            var all = _text.ToString();
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (all.Contains(_waiters[i].Text, StringComparison.Ordinal))
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
