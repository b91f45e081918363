namespace Kubeguard.Checks;

/// <summary>Evaluates one check over everything that was read.</summary>
/// <param name="context">The inventory and the options of this run.</param>
/// <returns>One hit per offending object (or container), in any order.</returns>
public delegate IEnumerable<CheckHit> EvaluateInventory(CheckContext context);

/// <summary>
/// A check beyond Pod Security. Its default severity lives in <see cref="SeverityTable"/>, not
/// here, so that users can change it without touching the check.
/// </summary>
/// <param name="Id">Stable kebab-case ID, e.g. <c>image-not-pinned-by-digest</c>.</param>
/// <param name="Family">The family the check belongs to.</param>
/// <param name="Title">A short noun phrase naming what is found.</param>
/// <param name="Rationale">One paragraph: why this matters to an attacker.</param>
/// <param name="Fix">What to change, in one or two sentences.</param>
/// <param name="Evaluate">The implementation.</param>
public sealed record InventoryCheck(string Id, CheckFamily Family, string Title, string Rationale, string Fix, EvaluateInventory Evaluate)
{
    /// <summary>The kinds of object the check reads, for the docs.</summary>
    public IReadOnlyList<string> Reads { get; init; } = [];
}
