using System.Globalization;
using System.Text;

namespace IfpFeeds.CaptureGenerator;

/// <summary>What a story is about; each section label maps to one.</summary>
internal enum Topic
{
    Diplomacy,
    Politics,
    Economy,
    Energy,
    Society,
    Culture,
    Sports,
    Science,
    Security,
}

/// <summary>A (fictional) person quoted in a story.</summary>
internal readonly record struct Person(string First, string Last, string Role)
{
    public string Full => $"{First} {Last}";
}

/// <summary>The cast and subject of one story, so its sentences talk about the same things.</summary>
internal sealed class StoryContext
{
    public required Topic Topic { get; init; }
    public required Person Person { get; init; }
    public required Person Other { get; init; }
    public required (string Name, string Adjective) Partner { get; init; }
    public required string City { get; init; }
    public required string Field { get; init; }

    /// <summary>The sentence templates this story has used: a story repeats none while others are left.</summary>
    public HashSet<int> UsedSentences { get; } = [];
}

/// <summary>
/// Words and sentence templates for news-like English text in the style of the source site: curly quotes
/// and apostrophes, officials quoted by role, place names of the region. All names of people are invented.
/// Templates hold <c>{slot}</c>s, filled by <see cref="Fill"/> (recursively: a slot's text may hold slots).
/// </summary>
internal static class TextBank
{
    private sealed record TopicWords(
        string[] Fields,
        string[] Roles,
        string[] Headlines,
        string[] Predicates,
        string[] Quotes,
        string[] Backgrounds);

    private static readonly string[] FirstNames =
    [
        "Ali", "Reza", "Mohammad", "Hossein", "Mehdi", "Hamid", "Saeed", "Majid", "Ahmad", "Javad", "Kazem", "Nasser",
        "Leila", "Maryam", "Fatemeh", "Zahra", "Sara", "Narges", "Shirin", "Parisa", "Elham", "Mina", "Behrouz", "Farhad",
    ];

    private static readonly string[] LastNames =
    [
        "Karimi", "Rostami", "Tavakoli", "Sadeghi", "Moradi", "Ahmadi", "Hosseini", "Rahimi", "Jafari", "Ghasemi",
        "Mousavi", "Bagheri", "Najafi", "Safavi", "Kazemi", "Shafiei", "Farahani", "Ebrahimi", "Amini", "Nouri",
        "Zarei", "Heidari", "Soltani", "Mirzaei", "Asadi", "Yazdani",
    ];

    private static readonly (string Name, string Adjective)[] Partners =
    [
        ("Russia", "Russian"), ("China", "Chinese"), ("Turkey", "Turkish"), ("Iraq", "Iraqi"), ("Azerbaijan", "Azeri"),
        ("Armenia", "Armenian"), ("Pakistan", "Pakistani"), ("India", "Indian"), ("Qatar", "Qatari"), ("Oman", "Omani"),
        ("Saudi Arabia", "Saudi"), ("the UAE", "Emirati"), ("Afghanistan", "Afghan"), ("Turkmenistan", "Turkmen"),
        ("Kazakhstan", "Kazakh"), ("Venezuela", "Venezuelan"), ("Syria", "Syrian"), ("Lebanon", "Lebanese"),
        ("Tajikistan", "Tajik"), ("Belarus", "Belarusian"), ("Uzbekistan", "Uzbek"), ("Malaysia", "Malaysian"),
    ];

    private static readonly string[] Cities =
    [
        "Tehran", "Mashhad", "Isfahan", "Tabriz", "Shiraz", "Ahvaz", "Qom", "Kermanshah", "Rasht", "Bandar Abbas",
        "Yazd", "Kerman", "Urmia", "Zahedan", "Hamedan", "Ardabil", "Gorgan", "Sari", "Bushehr", "Astara", "Chabahar",
    ];

    private static readonly string[] Weekdays = ["Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    private static readonly string[] Months =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];

    private static readonly string[] Outlets =
    [
        "the IRNA news agency", "the ISNA news agency", "state TV", "the Mehr news agency", "the Tasnim news agency",
        "a local newspaper", "the ILNA news agency", "the semi-official Fars news agency", "the Donya-e-Eqtesad daily",
    ];

    private static readonly string[] SmallNumbers = ["two", "three", "four", "five", "six", "seven", "eight", "nine"];

    private static readonly string[] Timeframes =
    [
        "by the end of the year", "in the coming months", "next year", "within two years", "over the next five years",
        "before the Iranian new year", "in the current fiscal year", "by next spring", "in the near future",
    ];

    private static readonly string[] Subjects =
    [
        "Tehran and {partner}", "the two countries", "the government", "Iran", "the two neighbours", "officials in {city}",
        "the administration", "Iranian companies",
    ];

    private static readonly string[] GenericSentences =
    [
        "{Person} said on {weekday} that {subject} {predicate}.",
        "The {role} made the remarks during a meeting with {Other} in {city} on {weekday}.",
        "“{quote},” {last} told reporters after the meeting.",
        "“{quote},” said {last}.",
        "According to {outlet}, {subject} {predicate}.",
        "The two sides also discussed ways to expand cooperation in {field} and {field2}.",
        "Officials expect the figure to rise by {pct} percent {timeframe}.",
        "The announcement comes {small} weeks after {background}.",
        "{last} also pointed to {field2}, saying that {subject} {predicate}.",
        "Critics, however, say the plan does little to address problems in {field2}.",
        "In {month}, {background}.",
        "More than {big} people have been affected in {city} and nearby towns, {outlet} reported.",
        "{Other} said the talks had been “constructive” and that a follow-up meeting would be held in {city2}.",
        "Analysts say {subject} {predicate}, though much depends on how quickly the plan is carried out.",
        "The {role} added that {subject} {predicate}.",
        "Earlier this {period}, {background}.",
        "{outlet_cap} quoted {last} as saying that {subject} {predicate}.",
        "The issue has been a bone of contention between {subject2} for years.",
        "The {role} did not say when the plan would take effect.",
        "{last} described the meeting as “frank and friendly”.",
        "Details of the agreement have not been made public.",
        "The meeting was also attended by senior officials from {city2}.",
        "{Other} welcomed the proposal and said {subject} {predicate}.",
        "Observers in {city} say the move could change the picture for {field}.",
        "The {role} said {small} working groups would report back {timeframe}.",
        "Figures released by {outlet} show a rise of {pct} percent compared with last year.",
    ];

    private static readonly string[] Periods = ["week", "month", "year"];

    private static readonly Dictionary<Topic, TopicWords> Topics = new()
    {
        [Topic.Diplomacy] = new(
            Fields: ["trade", "energy", "transit", "border security", "consular affairs", "regional stability", "tourism", "rail links", "water resources", "counterterrorism"],
            Roles: ["Foreign Minister", "Deputy Foreign Minister", "Ambassador", "Foreign Ministry Spokesman", "President", "Vice President"],
            Headlines:
            [
                "Iran, {partner} FMs talk on phone, call for closer {field} ties",
                "Iranian, {partner_adj} Presidents Discuss Boosting All-Out Ties",
                "{Role} to visit {partner} next week",
                "Iran, {partner} sign {small} cooperation documents",
                "Iran summons {partner_adj} envoy over remarks on {field}",
                "{partner} calls for stronger ties with Iran in {field}",
                "{Role} {last}: Ties with {partner} back on natural path",
                "Tehran, {partner} agree to set up joint {field} committee",
                "{partner_adj} delegation arrives in {city} for talks on {field}",
            ],
            Predicates:
            [
                "would expand cooperation in {field}", "should settle their differences through dialogue",
                "will work to remove obstacles to {field}", "will sign a memorandum of understanding on {field}",
                "could find common ground on most regional issues", "must keep up exchanges of technical and expert teams",
                "will hold the next round of joint commission talks in {city}", "will reopen the consulate in {city} {timeframe}",
            ],
            Quotes:
            [
                "We are ready to share our experience in {field} with our neighbours",
                "Good neighbourliness remains a priority of this government’s foreign policy",
                "There is no limit to our cooperation with {partner} in {field}",
                "Misunderstandings between the two nations must be removed as soon as possible",
                "The region’s security can only be ensured by the countries of the region themselves",
            ],
            Backgrounds:
            [
                "the two countries recalled their ambassadors for consultations", "a delegation from {partner} visited Tehran",
                "the foreign ministers met on the sidelines of a regional summit", "{partner} expelled {small} Iranian diplomats",
                "Tehran and {partner} agreed to revive a long-stalled {field} project",
            ]),
        [Topic.Politics] = new(
            Fields: ["electoral reform", "the budget bill", "internet regulation", "subsidy reform", "the fight against corruption", "administrative reform"],
            Roles: ["Parliament Speaker", "Government Spokesman", "Interior Minister", "Judiciary Chief", "Lawmaker", "Vice President"],
            Headlines:
            [
                "Parliament approves outlines of bill on {field}",
                "{Role} {last} defends government record on {field}",
                "Lawmakers summon minister over {field}",
                "{Role}: Government will not back down on {field}",
                "Guardian Council returns bill on {field} to parliament",
                "{small} ministers face impeachment motion over {field}",
            ],
            Predicates:
            [
                "will put the bill on {field} to a vote {timeframe}", "will not reshuffle the cabinet for now",
                "would need broader public support for {field}", "will present a revised plan on {field} to parliament",
                "could build on recent progress in {field}", "must be held accountable for delays in {field}",
            ],
            Quotes:
            [
                "The people should not pay the price for mismanagement",
                "This government is committed to transparency in {field}",
                "We will not allow anyone to undermine national unity",
                "Parliament will use all its legal tools to follow up on {field}",
            ],
            Backgrounds:
            [
                "lawmakers voted to discuss the bill in an open session", "the cabinet approved a new plan on {field}",
                "{small} lawmakers signed a letter criticising the government’s handling of {field}",
                "the Guardian Council raised objections to parts of the bill",
            ]),
        [Topic.Economy] = new(
            Fields: ["banking", "non-oil exports", "customs", "manufacturing", "agriculture", "housing", "the stock market", "inflation control", "the currency market", "free trade zones"],
            Roles: ["Economy Minister", "Central Bank Governor", "Head of the Chamber of Commerce", "Industry Minister", "Agriculture Minister", "Trade Official"],
            Headlines:
            [
                "Iran’s non-oil exports to {partner} up {pct}%",
                "Central bank unveils new plan to curb inflation",
                "Tehran Stock Exchange index hits new record",
                "Iran, {partner} to use national currencies in trade",
                "{num} knowledge-based firms join export drive",
                "Inflation eases to {pct}%, statistics centre says",
                "Rial steadies after central bank steps in",
                "Trade with {partner} tops {amount} in {small} months",
            ],
            Predicates:
            [
                "will try to raise annual trade to {amount}", "must attract fresh investment in {field}",
                "will offer cheap loans to small businesses in {field}", "could see exports grow {timeframe}",
                "will cut red tape for investors in {field}", "should stop printing money to cover the budget deficit",
            ],
            Quotes:
            [
                "The figures show that the sanctions have failed to stop our exports",
                "We must rely on domestic production rather than imports",
                "Stability in the currency market is our first priority",
                "Small and medium-sized firms are the backbone of this economy",
            ],
            Backgrounds:
            [
                "the rial lost nearly {pct} percent of its value against the dollar", "the central bank raised interest rates",
                "the statistics centre reported a rise in food prices", "the government unveiled a {amount} stimulus package",
            ]),
        [Topic.Energy] = new(
            Fields: ["gas exports", "oilfield development", "refining", "electricity", "renewable energy", "petrochemicals", "nuclear power", "water desalination"],
            Roles: ["Oil Minister", "Energy Minister", "Managing Director of the National Iranian Oil Company", "Head of the Atomic Energy Organization"],
            Headlines:
            [
                "Iran signs {small} oilfield development contracts with {partner}",
                "Gas exports to {partner} rise {pct}%",
                "New refinery to come online in {city} by {month}",
                "Power cuts hit {city} as demand peaks",
                "{Role}: Iran’s oil output back to pre-sanctions levels",
                "Solar farm near {city} starts feeding national grid",
            ],
            Predicates:
            [
                "will raise output at the field by {num},000 barrels a day", "will build a new pipeline to {partner}",
                "should cut gas flaring in the south", "will add {num} megawatts of solar capacity {timeframe}",
                "will sign contracts worth {amount} for {field}", "must cut energy subsidies to curb consumption",
            ],
            Quotes:
            [
                "Our oil and gas industry no longer depends on Western technology",
                "Every megawatt we save this summer prevents a blackout somewhere else",
                "Foreign partners who stayed with us in difficult times will have priority",
            ],
            Backgrounds:
            [
                "the ministry warned of rolling blackouts in the summer", "{partner} agreed to buy more Iranian gas",
                "work on the second phase of the project resumed", "a fire broke out at a refinery near {city}",
            ]),
        [Topic.Society] = new(
            Fields: ["public health", "education", "air pollution", "water shortages", "road safety", "social welfare", "drug trafficking", "housing for young couples"],
            Roles: ["Health Minister", "Police Chief", "Education Minister", "Governor of {city}", "Head of the Red Crescent", "Mayor of {city}"],
            Headlines:
            [
                "{num} arrested over online fraud ring in {city}",
                "{city} police arrest {num} in fake gold coin scam",
                "Air pollution shuts schools in {city}",
                "Health ministry reports sharp drop in measles cases",
                "Water rationing begins in {city} as dams run dry",
                "Earthquake of magnitude 5.{small_digit} jolts {city}, no deaths reported",
                "{Role}: New plan to tackle {field} ready {timeframe}",
            ],
            Predicates:
            [
                "will open {num} new schools {timeframe}", "must do more to tackle {field}",
                "will put {num} suspects on trial in the case", "will close schools if pollution rises again",
                "will send more relief teams to villages near {city}", "would build {big} housing units for young couples",
            ],
            Quotes:
            [
                "People’s health is not negotiable",
                "We ask citizens to use water wisely over the summer",
                "The suspects were identified thanks to tips from the public",
                "No family will be left without shelter this winter",
            ],
            Backgrounds:
            [
                "a heavy rainstorm flooded parts of {city}", "the police launched a crackdown on online scams",
                "the cabinet approved a new plan on {field}", "schools in {city} were closed for {small} days",
            ]),
        [Topic.Culture] = new(
            Fields: ["cinema", "publishing", "music", "heritage preservation", "museums", "handicrafts", "theatre", "tourism"],
            Roles: ["Culture Minister", "Festival Director", "Head of the Cultural Heritage Organization", "Film Director", "Museum Director"],
            Headlines:
            [
                "{city} to host international {field} festival",
                "Iranian film wins top prize at festival in {partner}",
                "Restoration of historic bazaar in {city} completed",
                "{num} publishers take part in Tehran Book Fair",
                "Ancient relics returned to Iran from {partner}",
                "Foreign tourist arrivals up {pct}% in first half of the year",
            ],
            Predicates:
            [
                "will screen {num} films from {small} countries", "will register {small} new sites on the national heritage list",
                "would try to attract more foreign visitors to {city}", "will offer free entry to museums during the festival",
                "will spend {amount} to restore historic houses in {city}",
            ],
            Quotes:
            [
                "Culture is the bridge that connects nations",
                "Our heritage belongs to all of humanity",
                "Young filmmakers are telling the story of today’s Iran",
            ],
            Backgrounds:
            [
                "the festival was postponed for {small} months", "a delegation of artists from {partner} visited {city}",
                "UNESCO added another Iranian site to its World Heritage List",
            ]),
        [Topic.Sports] = new(
            Fields: ["football", "wrestling", "volleyball", "weightlifting", "taekwondo", "futsal", "athletics", "beach soccer"],
            Roles: ["National Team Coach", "Sports Minister", "Head of the Football Federation", "Team Captain", "Olympic Committee Chief"],
            Headlines:
            [
                "Iran beat {partner} {small_digit}-{small_digit2} in Asian Cup qualifier",
                "Iranian wrestlers win {small} golds at Asian championships",
                "{field} federation names new national team coach",
                "Iran’s {field} team books spot at world championships",
                "Persepolis, Esteghlal draw in Tehran derby",
                "{Role} {last} vows to take team to the Olympics",
            ],
            Predicates:
            [
                "will play {small} friendlies before the tournament", "would need a foreign coach to reach the next level",
                "could win {small} more medals at the games", "will host the tournament in {city} {timeframe}",
                "must invest more in youth academies",
            ],
            Quotes:
            [
                "My players gave everything on the pitch",
                "We are not satisfied with a draw",
                "This medal belongs to the people of Iran",
            ],
            Backgrounds:
            [
                "the team lost {small_digit}-{small_digit2} to {partner} in a friendly", "the federation sacked the previous coach",
                "the stadium in {city} reopened after renovation",
            ]),
        [Topic.Science] = new(
            Fields: ["space research", "nanotechnology", "stem cell research", "artificial intelligence", "satellite launches", "medical equipment", "knowledge-based companies"],
            Roles: ["Head of the Iranian Space Agency", "Science Minister", "Vice President for Science and Technology", "University Chancellor", "Researcher"],
            Headlines:
            [
                "Iran launches new research satellite into orbit",
                "Iranian scientists develop low-cost {field} kit",
                "{num} knowledge-based firms showcase products in {city}",
                "Iran ranks first in region for {field} papers",
                "University in {city} unveils home-grown MRI scanner",
            ],
            Predicates:
            [
                "will launch {small} more satellites {timeframe}", "could cut the country’s need for imported {field}",
                "will fund {num} start-ups in {field}", "will export products to {small} more countries",
            ],
            Quotes:
            [
                "Our young scientists have achieved this despite the sanctions",
                "Knowledge-based companies are the engine of the new economy",
                "We are among the few countries in the world with this technology",
            ],
            Backgrounds:
            [
                "a rocket carrying {small} satellites lifted off from a site in Semnan", "the government set up a fund for {field}",
                "researchers in {city} published their results in an international journal",
            ]),
        [Topic.Security] = new(
            Fields: ["border security", "maritime security", "air defence", "counterterrorism", "the nuclear talks", "sanctions", "drug smuggling"],
            Roles: ["Defence Minister", "Army Commander", "Navy Commander", "Border Guard Commander", "Chief of Staff"],
            Headlines:
            [
                "Navy seizes foreign tanker smuggling fuel in Persian Gulf",
                "Iran warns {partner} against hosting foreign troops",
                "Border guards clash with drug smugglers near {city}",
                "Iran unveils new long-range drone",
                "{Role}: Iran’s missile programme not up for negotiation",
                "Iranian, {partner_adj} navies hold joint drills",
            ],
            Predicates:
            [
                "will respond firmly to any threat", "will step up patrols to stop drug smuggling near the border",
                "will hold joint naval drills with {partner} {timeframe}", "will defend the country’s borders at any cost",
            ],
            Quotes:
            [
                "Our armed forces are ready to defend every inch of this land",
                "Security in the Persian Gulf is the business of the region’s countries",
                "We do not seek war, but we will not tolerate aggression",
            ],
            Backgrounds:
            [
                "a border guard was killed in a clash with smugglers", "the navy held drills in the Sea of Oman",
                "talks on the nuclear issue stalled again",
            ]),
    };

    public static StoryContext NewStory(Rng rng, Topic topic)
    {
        var words = Topics[topic];
        var partner = rng.Pick(Partners);
        var person = new Person(rng.Pick(FirstNames), rng.Pick(LastNames), rng.Pick(words.Roles));
        Person other;
        if (topic == Topic.Diplomacy)
        {
            other = new Person(rng.Pick(FirstNames), rng.Pick(LastNames), $"{partner.Adjective} {rng.Pick(words.Roles)}");
        }
        else
        {
            other = new Person(rng.Pick(FirstNames), rng.Pick(LastNames), rng.Pick(words.Roles));
        }

        return new StoryContext
        {
            Topic = topic,
            Person = person,
            Other = other,
            Partner = partner,
            City = rng.Pick(Cities),
            Field = rng.Pick(words.Fields),
        };
    }

    public static string Headline(Rng rng, StoryContext story)
    {
        var headline = Fill(rng.Pick(Topics[story.Topic].Headlines), rng, story);
        return rng.Chance(0.25) ? TitleCase(headline) : Capitalize(headline);
    }

    /// <summary>The standfirst: one sentence that states the story.</summary>
    public static string Standfirst(Rng rng, StoryContext story) =>
        Capitalize(Fill(rng.Pick(StandfirstTemplates), rng, story));

    private static readonly string[] StandfirstTemplates =
    [
        "{Person} says {subject} {predicate}.",
        "Officials in Tehran say {subject} {predicate}.",
        "The {role} has said that {subject} {predicate}, amid growing debate over {field}.",
        "{subject_cap} {predicate}, according to {outlet}.",
    ];

    /// <summary>One paragraph: one to three sentences about the story.</summary>
    public static string Paragraph(Rng rng, StoryContext story)
    {
        var sentences = rng.Next(10) switch
        {
            < 2 => 1,
            < 8 => 2,
            _ => 3,
        };
        var sb = new StringBuilder(300);
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            var pick = rng.Next(GenericSentences.Length);
            if (story.UsedSentences.Count < GenericSentences.Length)
            {
                while (!story.UsedSentences.Add(pick))
                {
                    pick = (pick + 1) % GenericSentences.Length;
                }
            }

            sb.Append(Capitalize(Fill(GenericSentences[pick], rng, story)));
        }

        return sb.ToString();
    }

    /// <summary>A sidebar excerpt: the start of a story's first sentence, cut at a word and ended with "…".</summary>
    public static string Excerpt(Rng rng, StoryContext story)
    {
        var text = Standfirst(rng, story) + " " + Paragraph(rng, story);
        var limit = rng.Between(85, 110);
        if (text.Length <= limit)
        {
            return text.TrimEnd('.') + "…";
        }

        var cut = text.LastIndexOf(' ', limit);
        if (cut < 40)
        {
            cut = limit;
        }

        return text[..cut].TrimEnd(',', ';', ' ', '.') + "…";
    }

    /// <summary>A staff reporter: name and a bio that contains the name.</summary>
    public static (string Name, string Bio) Reporter(Rng rng)
    {
        var first = rng.Pick(FirstNames);
        var name = $"{first} {rng.Pick(LastNames)}";
        var topic = rng.Pick(Topics.Keys.ToArray());
        var field = rng.Pick(Topics[topic].Fields);
        var bio = rng.Next(3) switch
        {
            0 => $"{name} is a {rng.Pick(Cities)}-based journalist who writes about {field} for the Iran Front Page (IFP). Before joining IFP, {first} worked as a reporter for {rng.Pick(Outlets)}.",
            1 => $"{name} has covered {field} and Iran’s relations with its neighbours for more than {rng.Between(4, 20)} years. {name} holds a degree in journalism from the University of Tehran.",
            _ => $"A member of the IFP newsroom since {rng.Between(2012, 2023)}, {name} reports on {field}, {rng.Pick(Topics[topic].Fields)} and daily life in {rng.Pick(Cities)}.",
        };
        return (name, bio);
    }

    public const string EditorialStaff = "IFP Editorial Staff";

    public const string EditorialStaffBio =
        "The IFP Editorial Staff is a team of reporters, translators and analysts who follow Iran’s politics, economy, " +
        "society and culture for the Iran Front Page (IFP) news website. Each report is checked by the editor of the IFP " +
        "service that publishes it, and readers can reach the team through the contact details listed on the \"IFP Editorial Staff\" page.";

    /// <summary>Replaces each <c>{slot}</c> in <paramref name="template"/>; slot texts may hold slots in turn.</summary>
    public static string Fill(string template, Rng rng, StoryContext story)
    {
        var text = template;
        for (var depth = 0; depth < 4 && text.Contains('{', StringComparison.Ordinal); depth++)
        {
            var sb = new StringBuilder(text.Length + 64);
            var i = 0;
            while (i < text.Length)
            {
                var open = text.IndexOf('{', i);
                if (open < 0)
                {
                    sb.Append(text, i, text.Length - i);
                    break;
                }

                var close = text.IndexOf('}', open);
                sb.Append(text, i, open - i);
                sb.Append(Slot(text[(open + 1)..close], rng, story));
                i = close + 1;
            }

            text = sb.ToString();
        }

        return text;
    }

    private static string Slot(string name, Rng rng, StoryContext story)
    {
        var words = Topics[story.Topic];
        return name switch
        {
            "Person" => $"{Capitalize(story.Person.Role)} {story.Person.Full}",
            "Other" => $"{story.Other.Role} {story.Other.Full}",
            "Role" => Capitalize(story.Person.Role),
            "role" => story.Person.Role,
            "last" => story.Person.Last,
            "partner" => story.Partner.Name,
            "partner_adj" => story.Partner.Adjective,
            "city" => story.City,
            "city2" => rng.Pick(Cities),
            "field" => story.Field,
            "field2" => rng.Pick(words.Fields),
            "weekday" => rng.Pick(Weekdays),
            "month" => rng.Pick(Months),
            "period" => rng.Pick(Periods),
            "outlet" => rng.Pick(Outlets),
            "outlet_cap" => Capitalize(rng.Pick(Outlets)),
            "small" => rng.Pick(SmallNumbers),
            "small_digit" => rng.Between(1, 9).ToString(CultureInfo.InvariantCulture),
            "small_digit2" => rng.Between(0, 4).ToString(CultureInfo.InvariantCulture),
            "num" => rng.Between(12, 950).ToString(CultureInfo.InvariantCulture),
            "big" => rng.Between(1_000, 95_000).ToString("N0", CultureInfo.InvariantCulture),
            "pct" => rng.Between(3, 65).ToString(CultureInfo.InvariantCulture),
            "amount" => Amount(rng),
            "timeframe" => rng.Pick(Timeframes),
            "subject" => rng.Pick(Subjects),
            "subject_cap" => Capitalize(rng.Pick(Subjects)),
            "subject2" => rng.Chance(0.5) ? "Tehran and {partner}" : "the two sides",
            "predicate" => rng.Pick(words.Predicates),
            "quote" => rng.Pick(words.Quotes),
            "background" => rng.Pick(words.Backgrounds),
            _ => throw new InvalidOperationException($"unknown slot {{{name}}}"),
        };
    }

    private static string Amount(Rng rng) => rng.Next(4) switch
    {
        0 => $"${rng.Between(1, 20)} billion",
        1 => $"${rng.Between(100, 900)} million",
        2 => $"€{rng.Between(50, 700)} million",
        _ => $"{rng.Between(10, 400)} trillion rials",
    };

    public static string Capitalize(string text) =>
        text.Length == 0 || !char.IsLower(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "over", "the", "to", "with",
    };

    /// <summary>Headline case, as some of the site's older titles are written.</summary>
    public static string TitleCase(string text)
    {
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (i == 0 || !SmallWords.Contains(words[i]))
            {
                words[i] = Capitalize(words[i]);
            }
        }

        return string.Join(' ', words);
    }
}
