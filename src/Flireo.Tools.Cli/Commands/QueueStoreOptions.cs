using System.CommandLine;
using Flireo.Tools.Async;
using Flireo.Tools.Redis;
using Flireo.Tools.Sqlite;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Holds the options that name a durable work queue: <c>--data-directory</c> (SQLite) or <c>--redis</c>.</summary>
internal sealed class QueueStoreOptions
{
    /// <summary>The environment variable the self-hosted server reads its SQLite folder from.</summary>
    public const string DataDirectoryVariable = "Flireo__Server__DataDirectory";

    public QueueStoreOptions()
    {
        DataDirectory = new Option<string>("--data-directory", "-d")
        {
            Description = $"The folder of the server's SQLite queue (its Flireo:Server:DataDirectory; default: the {DataDirectoryVariable} environment variable).",
            HelpName = "dir",
        };
        FileName = new Option<string>("--file-name")
        {
            Description = "The name of the SQLite file in --data-directory.",
            DefaultValueFactory = static _ => new SqliteToolWorkQueueOptions().FileName,
        };
        Redis = new Option<string>("--redis")
        {
            Description = "The connection string of the servers' Redis (their Flireo:Redis:ConnectionString), instead of --data-directory.",
            HelpName = "connection string",
        };
        KeyPrefix = new Option<string>("--key-prefix")
        {
            Description = "The Redis key prefix of the queue (Flireo:Redis:KeyPrefix).",
            DefaultValueFactory = static _ => new RedisToolWorkQueueOptions().KeyPrefix,
        };
    }

    public Option<string> DataDirectory { get; }

    public Option<string> FileName { get; }

    public Option<string> Redis { get; }

    public Option<string> KeyPrefix { get; }

    /// <summary>Adds the options and a validator that allows only one of <c>--data-directory</c> and <c>--redis</c>.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        command.Options.Add(DataDirectory);
        command.Options.Add(FileName);
        command.Options.Add(Redis);
        command.Options.Add(KeyPrefix);
        command.Validators.Add(result =>
        {
            if (result.GetResult(DataDirectory) is { Implicit: false } && result.GetResult(Redis) is { Implicit: false })
            {
                result.AddError($"Use only one of {DataDirectory.Name}, {Redis.Name}.");
            }
        });
    }

    /// <summary>Opens the dead letters of the queue named on the command line.</summary>
    /// <param name="parseResult">The parse result.</param>
    /// <param name="environment">The environment, for the <see cref="DataDirectoryVariable"/> fallback.</param>
    /// <returns>The opened store; dispose it.</returns>
    public OpenedQueueStore Open(ParseResult parseResult, CliEnvironment environment)
    {
        if (parseResult.GetValue(Redis) is { Length: > 0 } connectionString)
        {
            var prefix = parseResult.GetRequiredValue(KeyPrefix);
            var redis = new RedisToolWorkStore(Options.Create(new RedisToolWorkQueueOptions { ConnectionString = connectionString, KeyPrefix = prefix }));
            return new OpenedQueueStore(redis, $"Redis stream {prefix}", redis);
        }

        var directory = parseResult.GetValue(DataDirectory) is { Length: > 0 } given ? given : environment.GetVariable(DataDirectoryVariable)
            ?? throw CliException.Usage($"Name the queue: {DataDirectory.Name} <folder of the server's SQLite file> or {Redis.Name} <connection string>.");
        var fileName = parseResult.GetRequiredValue(FileName);
        var fullDirectory = Path.GetFullPath(directory);
        var path = Path.Combine(fullDirectory, fileName);

        // Opening the store would create an empty database: a wrong folder must fail instead of showing no dead letters.
        if (!File.Exists(path))
        {
            throw new CliException($"No async work database at {path}: give the folder the server stores async calls in (Flireo:Server:DataDirectory, default ./data under the directory the server was started in).");
        }

        var sqlite = new SqliteToolWorkStore(Options.Create(new SqliteToolWorkQueueOptions { DataDirectory = fullDirectory, FileName = fileName }));
        return new OpenedQueueStore(sqlite, sqlite.DatabasePath, null);
    }
}
