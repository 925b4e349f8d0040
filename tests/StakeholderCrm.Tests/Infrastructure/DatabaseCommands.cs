using System.Diagnostics.Metrics;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>Counts the SQL commands a request sends (DbSession's meter), for the "fixed number of statements" checks.</summary>
public static class DatabaseCommands
{
    /// <summary>The commands <paramref name="request"/> sends; it must succeed, or answer <paramref name="expected"/> when given.</summary>
    public static async Task<long> CountAsync(Func<Task<HttpResponseMessage>> request, HttpStatusCode? expected = null)
    {
        long commands = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DbSession.Meter.Name) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref commands, value));
        listener.Start();
        var response = await request();
        if (expected is { } status) Assert.That(response.StatusCode, Is.EqualTo(status));
        else response.EnsureSuccessStatusCode();
        return Interlocked.Read(ref commands);
    }
}
