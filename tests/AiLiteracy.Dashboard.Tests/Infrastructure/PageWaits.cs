using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiLiteracy.Dashboard.Tests.Infrastructure;

/// <summary>
/// Waits for a page to reach a URL by polling <see cref="IPage.Url"/>, then for the new page's heading. Playwright's own
/// navigation waiters (<c>WaitForURLAsync</c>, even until <c>Commit</c>) were seen to miss a navigation that had happened
/// on this loaded 2-core machine and time out with the page shown; this waits on what the user sees instead.
/// </summary>
public static class PageWaits
{
    /// <summary>Waits until the URL matches the Playwright-style glob (<c>**</c> anything, <c>*</c> anything but <c>/</c>).</summary>
    public static Task UntilUrlAsync(this IPage page, string glob, Func<string>? details = null)
    {
        var pattern = new Regex("^" + Regex.Escape(glob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
        return page.UntilUrlAsync(url => pattern.IsMatch(url), glob, details);
    }

    /// <summary>Waits until <paramref name="reached"/> holds for the URL, then for an <c>h1</c> on the page (90 s in all).</summary>
    public static async Task UntilUrlAsync(this IPage page, Func<string, bool> reached, string what, Func<string>? details = null)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (!reached(page.Url))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                var text = (await page.TextContentAsync("body", new PageTextContentOptions { Timeout = 5_000 }) ?? string.Empty).Trim();
                throw new TimeoutException($"The page did not reach {what}: it is at {page.Url} showing « {text[..Math.Min(400, text.Length)]} »{details?.Invoke()}");
            }

            await Task.Delay(50);
        }

        await page.Locator("h1").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
    }
}
