namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>
/// A problem is JSON whatever the request's Accept says. The framework's writer declines a request that accepts no
/// JSON (a client asking for CSV or a Word report), whose problem was then an empty body, or for a 404 a 500. This
/// writer comes after it and asks it again as if the client accepted anything, so the problem reads the same.
/// </summary>
public sealed class ProblemJsonWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => context.HttpContext.Request.Headers.Accept.Count > 0;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        context.HttpContext.Request.Headers.Remove("Accept");
        var framework = context.HttpContext.RequestServices.GetServices<IProblemDetailsWriter>()
            .First(writer => writer is not ProblemJsonWriter && writer.CanWrite(context));
        return framework.WriteAsync(context);
    }
}
