namespace StakeholderCrm.Client;

/// <summary>The problem (RFC 9457) behind a failed call, whichever problem type its status declares.</summary>
public partial class CrmApiException
{
    /// <summary>The problem the API sent: a <see cref="ValidationProblem"/> for 400, a <see cref="ConflictProblem"/> for 409; null without one.</summary>
    public ProblemDetails? Problem => this switch
    {
        CrmApiException<ValidationProblem> invalid => invalid.Result,
        CrmApiException<ConflictProblem> conflict => conflict.Result,
        CrmApiException<ProblemDetails> problem => problem.Result,
        _ => null,
    };

    /// <summary>True for a 304: the ETag sent in If-None-Match is still current, so the copy the caller holds is too.</summary>
    public bool NotModified => StatusCode == 304;
}
