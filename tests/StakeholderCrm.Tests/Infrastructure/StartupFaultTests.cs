using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// A database the API cannot start on (issue 23): the real process exits with code 1 and one error line that names the
/// file, says what is wrong and what to do, with no stack trace; the file is left as it was.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed partial class StartupFaultTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    [Test]
    public async Task A_file_that_is_not_a_database_is_named_and_left_alone()
    {
        using var folder = new ScratchFolder();
        var database = folder.File("crm.db");
        await File.WriteAllTextAsync(database, "name,country\nTikTok,IE\n");

        await AssertOneLineFaultAsync(database, "is not a SQLite database");
    }

    [Test]
    public async Task A_truncated_database_is_named_and_left_alone()
    {
        using var folder = new ScratchFolder();
        var database = folder.File("crm.db");
        CreateDatabase(database, rows: 200);
        using (var file = new FileStream(database, FileMode.Open)) file.SetLength(file.Length / 2 + 100);

        await AssertOneLineFaultAsync(database, "is truncated or damaged");
    }

    [Test]
    public async Task A_read_only_database_file_is_named_and_left_alone()
    {
        using var folder = new ScratchFolder();
        var database = folder.File("crm.db");
        CreateDatabase(database, rows: 1);
        using var readOnly = ReadOnly.Make(database);

        await AssertOneLineFaultAsync(database, "is read-only");
    }

    [Test]
    public async Task A_database_in_a_read_only_folder_is_named_and_left_alone()
    {
        using var folder = new ScratchFolder();
        var database = folder.File("crm.db");
        CreateDatabase(database, rows: 1);
        using var readOnly = ReadOnly.Make(folder.Path);

        await AssertOneLineFaultAsync(database, "is in a folder this process may not write");
        Assert.That(Directory.GetFiles(folder.Path), Is.EqualTo(new[] { database }), "no journal or write-ahead log was created");
    }

    [Test]
    public async Task A_path_whose_parent_is_a_file_says_its_folder_cannot_be_created()
    {
        using var folder = new ScratchFolder();
        var parent = folder.File("exports");
        await File.WriteAllTextAsync(parent, "not a folder");
        var database = Path.Combine(parent, "data", "crm.db");

        var (exitCode, output) = await ApiProcess.RunToExitAsync(database, Limit);

        AssertOneLine(exitCode, output, database, "its folder cannot be created");
        Assert.That(output, Does.Contain($"'{parent}' is a file"));
        Assert.That(await File.ReadAllTextAsync(parent), Is.EqualTo("not a folder"));
    }

    [Test]
    public void A_file_cut_short_by_a_crash_mid_checkpoint_is_left_to_SQLite_to_recover()
    {
        using var folder = new ScratchFolder();
        var database = folder.File("crm.db");
        CreateDatabase(database, rows: 200);
        using (var file = new FileStream(database, FileMode.Open)) file.SetLength(file.Length / 2);
        File.WriteAllBytes(database + "-wal", new byte[4096]);

        Assert.DoesNotThrow(() => StartupFaults.CheckSqliteFile($"Data Source={database}"));
    }

    [Test]
    public async Task The_stack_trace_is_logged_at_debug_level()
    {
        using var folder = new ScratchFolder();
        var database = folder.File("crm.db");
        await File.WriteAllTextAsync(database, "not a database");

        var (exitCode, output) = await ApiProcess.RunToExitAsync(database, Limit,
            new Dictionary<string, string> { ["Logging__LogLevel__StakeholderCrm"] = "Debug" });

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("The start-up fault in detail."));
        Assert.That(StackFrame().IsMatch(output), Is.True, output);
    }

    private static async Task AssertOneLineFaultAsync(string database, string cause)
    {
        var before = await File.ReadAllBytesAsync(database);
        var modified = File.GetLastWriteTimeUtc(database);

        var (exitCode, output) = await ApiProcess.RunToExitAsync(database, Limit);

        AssertOneLine(exitCode, output, database, cause);
        Assert.That(await File.ReadAllBytesAsync(database), Is.EqualTo(before), "the file's bytes are unchanged");
        Assert.That(File.GetLastWriteTimeUtc(database), Is.EqualTo(modified), "the file's modification time is unchanged");
        Assert.That(File.Exists(database + "-wal") || File.Exists(database + "-shm") || File.Exists(database + "-journal"), Is.False,
            "SQLite left no journal next to the file");
    }

    private static void AssertOneLine(int exitCode, string output, string database, string cause)
    {
        Assert.That(exitCode, Is.EqualTo(1), output);
        // The console logger writes an entry as "fail: Category[0]" and the message on the next line.
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        var failures = lines.Select((line, index) => (line, index)).Where(entry => entry.line.StartsWith("fail:", StringComparison.Ordinal)).ToList();
        Assert.That(failures, Has.Count.EqualTo(1), output);
        var message = lines[failures[0].index + 1];
        Assert.That(message, Does.Contain($"'{database}'").And.Contain(cause), output);
        Assert.That(StackFrame().IsMatch(output), Is.False, $"no stack trace at the default level:\n{output}");
        Assert.That(output, Does.Not.Contain("Unhandled exception"));
    }

    private static void CreateDatabase(string path, int rows)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE notes (text TEXT NOT NULL);";
            create.ExecuteNonQuery();
            for (var i = 0; i < rows; i++)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO notes (text) VALUES ($text);";
                insert.Parameters.AddWithValue("$text", new string('x', 500));
                insert.ExecuteNonQuery();
            }
        }
        // Written an instant ago: a later write would still show in the modification time.
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-5));
    }

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    /// <summary>A temporary folder, removed afterwards.</summary>
    private sealed class ScratchFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("stakeholdercrm-startup-").FullName;

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>
    /// A file or folder this process may not write. Root writes through permissions, so there it is made immutable
    /// (chattr +i), which stops root too; where that is not possible the test is skipped, saying why.
    /// </summary>
    private sealed class ReadOnly : IDisposable
    {
        private readonly string path;
        private readonly bool immutable;

        private ReadOnly(string path, bool immutable)
        {
            this.path = path;
            this.immutable = immutable;
        }

        public static ReadOnly Make(string path)
        {
            if (OperatingSystem.IsWindows()) Assert.Ignore("Read-only is tested on Linux and macOS.");
            if (!IsRoot())
            {
                SetMode(path, Directory.Exists(path)
                    ? UnixFileMode.UserRead | UnixFileMode.UserExecute
                    : UnixFileMode.UserRead);
                return new ReadOnly(path, immutable: false);
            }
            if (SystemCommand.Run("chattr", "+i", path) != 0) Assert.Ignore("Running as root, where permissions do not stop writes, and chattr +i is not available here.");
            return new ReadOnly(path, immutable: true);
        }

        public void Dispose()
        {
            if (immutable) SystemCommand.Run("chattr", "-i", path);
            else if (Directory.Exists(path)) SetMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            else SetMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        private static void SetMode(string path, UnixFileMode mode)
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
        }

        private static bool IsRoot() => Environment.UserName == "root" || SystemCommand.Run("sh", "-c", "test \"$(id -u)\" = 0") == 0;
    }
}

/// <summary>
/// The sentences for faults met inside a provider: SQL Server cannot be provoked here, so its sentences are built from
/// the error number; a SQLite error met while migrating names the file and the migration.
/// </summary>
public sealed class StartupFaultSentenceTests
{
    private const string ConnectionString = "Server=tcp:db.example.org,1433;Database=crm;User ID=crm_app;Password=S3cret-pa55;Encrypt=True";

    [TestCase(18456, "refused the login")]
    [TestCase(4060, "cannot be opened by this login")]
    [TestCase(-2, "cannot be reached over the network")]
    [TestCase(53, "cannot be reached over the network")]
    [TestCase(40, "cannot be reached over the network")]
    [TestCase(229, "permission denied")]
    [TestCase(262, "permission denied")]
    public void Names_server_database_and_cause_never_the_password(int number, string cause)
    {
        var line = StartupFaults.ForSqlServer(number, ConnectionString, "Provider message.");

        Assert.That(line, Does.StartWith("The SQL Server database 'crm' on 'tcp:db.example.org,1433' ").And.Contain(cause));
        Assert.That(line, Does.Not.Contain("S3cret-pa55").And.Not.Contain("\n"));
    }

    [Test]
    public void An_unknown_error_keeps_its_number_and_message()
    {
        var line = StartupFaults.ForSqlServer(50000, ConnectionString, "Something else.");

        Assert.That(line, Does.Contain("error 50000: Something else").And.Not.Contain("S3cret-pa55"));
    }

    [Test]
    public void A_SQLite_error_while_migrating_names_the_file_and_the_migration()
    {
        var database = Path.Combine(Path.GetTempPath(), "crm-sentence.db");
        var connections = new ConnectionFactory(new DatabaseOptions(), $"Data Source={database}", Path.GetTempPath());
        var fault = new InvalidOperationException("Migration 0007_engagements.sql failed.",
            new Microsoft.Data.Sqlite.SqliteException("database disk image is malformed", SQLitePCL.raw.SQLITE_CORRUPT));

        var line = StartupFaults.Explain(fault, () => connections);

        Assert.That(line, Does.StartWith($"The SQLite database file '{database}' is truncated or damaged. Migration 0007_engagements.sql failed."));
    }

    [Test]
    public void Other_exceptions_are_no_database_fault()
    {
        var connections = new ConnectionFactory(new DatabaseOptions(), "Data Source=crm.db", Path.GetTempPath());

        Assert.That(StartupFaults.Explain(new InvalidOperationException("Something else."), () => connections), Is.Null);
    }
}
