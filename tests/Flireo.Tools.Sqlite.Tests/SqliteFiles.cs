using Microsoft.Data.Sqlite;

namespace Flireo.Tools.Sqlite.Tests;

/// <summary>Reads a work database the way another process would: a connection of its own, outside any pool.</summary>
internal static class SqliteFiles
{
    public static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
