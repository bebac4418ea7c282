namespace ActorScale.Lab.Sharding;

/// <summary>
/// User ids shaped like the ones people pick (<c>first.last</c>, <c>firstlast84</c>, <c>flast</c>, <c>first_l</c>) from
/// common US first names and surnames (approximate census frequencies: a few names are far more common than the rest),
/// for measuring how evenly a placement spreads real users. Deterministic for a seed.
/// </summary>
public static class RealisticUserIds
{
    // Weight ≈ relative frequency (per mille of the top names' total): the skew real names bring to a range split.
    private static readonly (string Name, int Weight)[] FirstNames =
    [
        ("james", 33), ("mary", 26), ("robert", 32), ("patricia", 16), ("john", 32), ("jennifer", 15), ("michael", 34),
        ("linda", 13), ("david", 26), ("elizabeth", 13), ("william", 25), ("barbara", 12), ("richard", 19), ("susan", 11),
        ("joseph", 17), ("jessica", 11), ("thomas", 15), ("sarah", 10), ("christopher", 14), ("karen", 10), ("charles", 14),
        ("lisa", 9), ("daniel", 14), ("nancy", 9), ("matthew", 12), ("betty", 8), ("anthony", 11), ("sandra", 8),
        ("mark", 11), ("margaret", 8), ("donald", 11), ("ashley", 8), ("steven", 10), ("kimberly", 8), ("andrew", 9),
        ("emily", 8), ("paul", 9), ("donna", 7), ("joshua", 9), ("michelle", 7), ("kenneth", 8), ("carol", 7),
        ("kevin", 8), ("amanda", 7), ("brian", 8), ("melissa", 6), ("george", 8), ("deborah", 6), ("timothy", 7),
        ("stephanie", 6), ("ronald", 7), ("rebecca", 6), ("jason", 7), ("laura", 6), ("edward", 7), ("sharon", 6),
        ("jeffrey", 7), ("cynthia", 6), ("ryan", 7), ("kathleen", 5), ("jacob", 7), ("amy", 5), ("gary", 6),
        ("angela", 5), ("nicholas", 6), ("shirley", 5), ("eric", 6), ("anna", 5), ("jonathan", 6), ("brenda", 5),
        ("stephen", 6), ("pamela", 5), ("larry", 5), ("emma", 5), ("justin", 5), ("nicole", 5), ("scott", 5),
        ("helen", 5), ("brandon", 5), ("samantha", 5), ("benjamin", 5), ("katherine", 5), ("samuel", 5), ("christine", 4),
        ("gregory", 5), ("debra", 4), ("alexander", 5), ("rachel", 4), ("patrick", 4), ("carolyn", 4), ("frank", 4),
        ("janet", 4), ("raymond", 4), ("maria", 4), ("jack", 4), ("olivia", 4), ("dennis", 4), ("heather", 4),
        ("jerry", 4), ("diane", 4), ("tyler", 4), ("julie", 4), ("aaron", 4), ("joyce", 3), ("jose", 4), ("victoria", 3),
        ("adam", 4), ("kelly", 3), ("nathan", 3), ("christina", 3), ("henry", 3), ("lauren", 3), ("zachary", 3),
        ("joan", 3), ("douglas", 3), ("evelyn", 3), ("peter", 3), ("judith", 3), ("kyle", 3), ("megan", 3),
        ("noah", 3), ("andrea", 3), ("ethan", 3), ("cheryl", 3), ("jeremy", 3), ("hannah", 3), ("walter", 3),
        ("jacqueline", 2), ("christian", 3), ("martha", 2), ("keith", 3), ("gloria", 2), ("roger", 2), ("teresa", 2),
        ("terry", 2), ("ann", 2), ("austin", 2), ("sara", 2), ("sean", 2), ("madison", 2), ("gerald", 2), ("frances", 2),
        ("carl", 2), ("kathryn", 2), ("harold", 2), ("janice", 2), ("dylan", 2), ("jean", 2), ("arthur", 2), ("abigail", 2),
        ("lawrence", 2), ("alice", 2), ("jordan", 2), ("judy", 2), ("jesse", 2), ("sophia", 2), ("bryan", 2), ("grace", 2),
        ("billy", 2), ("denise", 2), ("bruce", 2), ("amber", 2), ("gabriel", 2), ("doris", 2), ("joe", 2), ("marilyn", 2),
        ("logan", 2), ("danielle", 2), ("albert", 2), ("beverly", 2), ("willie", 2), ("isabella", 2), ("alan", 2),
        ("theresa", 2), ("juan", 2), ("diana", 2), ("wayne", 2), ("natalie", 2), ("elijah", 2), ("brittany", 2),
        ("randy", 2), ("charlotte", 2), ("roy", 2), ("marie", 2), ("vincent", 2), ("kayla", 2), ("ralph", 2), ("alexis", 2),
        ("eugene", 2), ("lori", 2), ("russell", 2), ("bobby", 2), ("mason", 2), ("philip", 2), ("louis", 2), ("zoe", 1),
        ("yolanda", 1), ("xavier", 1), ("quinn", 1), ("oscar", 1), ("ivan", 1), ("uma", 1), ("yusuf", 1), ("quentin", 1),
    ];

    private static readonly (string Name, int Weight)[] Surnames =
    [
        ("smith", 24), ("johnson", 19), ("williams", 16), ("brown", 14), ("jones", 14), ("garcia", 11), ("miller", 11),
        ("davis", 10), ("rodriguez", 10), ("martinez", 10), ("hernandez", 9), ("lopez", 8), ("gonzalez", 8), ("wilson", 8),
        ("anderson", 8), ("thomas", 8), ("taylor", 7), ("moore", 7), ("jackson", 7), ("martin", 7), ("lee", 7),
        ("perez", 6), ("thompson", 6), ("white", 6), ("harris", 6), ("sanchez", 6), ("clark", 5), ("ramirez", 5),
        ("lewis", 5), ("robinson", 5), ("walker", 5), ("young", 5), ("allen", 5), ("king", 5), ("wright", 5),
        ("scott", 5), ("torres", 4), ("nguyen", 4), ("hill", 4), ("flores", 4), ("green", 4), ("adams", 4),
        ("nelson", 4), ("baker", 4), ("hall", 4), ("rivera", 4), ("campbell", 4), ("mitchell", 4), ("carter", 4),
        ("roberts", 4), ("gomez", 3), ("phillips", 3), ("evans", 3), ("turner", 3), ("diaz", 3), ("parker", 3),
        ("cruz", 3), ("edwards", 3), ("collins", 3), ("reyes", 3), ("stewart", 3), ("morris", 3), ("morales", 3),
        ("murphy", 3), ("cook", 3), ("rogers", 3), ("gutierrez", 3), ("ortiz", 3), ("morgan", 3), ("cooper", 3),
        ("peterson", 3), ("bailey", 3), ("reed", 3), ("kelly", 3), ("howard", 3), ("ramos", 3), ("kim", 3), ("cox", 3),
        ("ward", 3), ("richardson", 3), ("watson", 3), ("brooks", 3), ("chavez", 3), ("wood", 3), ("james", 3),
        ("bennett", 3), ("gray", 3), ("mendoza", 3), ("ruiz", 3), ("hughes", 3), ("price", 3), ("alvarez", 3),
        ("castillo", 3), ("sanders", 3), ("patel", 3), ("myers", 3), ("long", 3), ("ross", 3), ("foster", 3),
        ("jimenez", 3), ("powell", 2), ("jenkins", 2), ("perry", 2), ("russell", 2), ("sullivan", 2), ("bell", 2),
        ("coleman", 2), ("butler", 2), ("henderson", 2), ("barnes", 2), ("gonzales", 2), ("fisher", 2), ("vasquez", 2),
        ("simmons", 2), ("romero", 2), ("jordan", 2), ("patterson", 2), ("alexander", 2), ("hamilton", 2), ("graham", 2),
        ("reynolds", 2), ("griffin", 2), ("wallace", 2), ("moreno", 2), ("west", 2), ("cole", 2), ("hayes", 2),
        ("bryant", 2), ("herrera", 2), ("gibson", 2), ("ellis", 2), ("tran", 2), ("medina", 2), ("aguilar", 2),
        ("stevens", 2), ("murray", 2), ("ford", 2), ("castro", 2), ("marshall", 2), ("owens", 2), ("harrison", 2),
        ("fernandez", 2), ("mcdonald", 2), ("woods", 2), ("washington", 2), ("kennedy", 2), ("wells", 2), ("vargas", 2),
        ("henry", 2), ("chen", 2), ("freeman", 2), ("webb", 2), ("tucker", 2), ("guzman", 2), ("burns", 2), ("crawford", 2),
        ("olson", 2), ("simpson", 2), ("porter", 2), ("hunter", 2), ("gordon", 2), ("mendez", 2), ("silva", 2),
        ("shaw", 2), ("snyder", 2), ("mason", 2), ("dixon", 2), ("munoz", 2), ("hunt", 2), ("hicks", 2), ("holmes", 2),
        ("palmer", 2), ("wagner", 2), ("black", 2), ("robertson", 2), ("boyd", 2), ("rose", 2), ("stone", 2),
        ("salazar", 2), ("fox", 2), ("warren", 2), ("mills", 2), ("meyer", 2), ("rice", 2), ("schmidt", 2), ("garza", 2),
        ("daniels", 2), ("ferguson", 2), ("nichols", 2), ("stephens", 2), ("soto", 2), ("weaver", 2), ("ryan", 2),
        ("gardner", 2), ("payne", 2), ("grant", 2), ("dunn", 2), ("kelley", 2), ("spencer", 2), ("hawkins", 2),
        ("arnold", 2), ("pierce", 2), ("vazquez", 2), ("hansen", 2), ("peters", 2), ("santos", 2), ("hart", 2),
        ("bradley", 2), ("knight", 2), ("elliott", 2), ("cunningham", 2), ("duncan", 2), ("armstrong", 2), ("hudson", 2),
        ("carroll", 2), ("lane", 2), ("riley", 2), ("andrews", 2), ("alvarado", 2), ("ray", 2), ("delgado", 2),
        ("berry", 2), ("perkins", 2), ("hoffman", 2), ("johnston", 2), ("matthews", 2), ("pena", 2), ("richards", 2),
        ("contreras", 2), ("willis", 2), ("carpenter", 2), ("lawrence", 2), ("sandoval", 2), ("yang", 1), ("zimmerman", 1),
        ("vega", 1), ("underwood", 1), ("quinn", 1), ("osborne", 1), ("xu", 1), ("yates", 1), ("zhang", 1), ("ibarra", 1),
    ];

    /// <summary><paramref name="count"/> distinct ids (a duplicate gets a number, as a sign-up form would ask for).</summary>
    public static IReadOnlyList<string> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var firsts = Expand(FirstNames);
        var lasts = Expand(Surnames);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (ids.Count < count)
        {
            var (first, last) = (firsts[random.Next(firsts.Length)], lasts[random.Next(lasts.Length)]);
            var id = random.Next(4) switch
            {
                0 => $"{first}.{last}",
                1 => $"{first}{last}{random.Next(100)}",
                2 => $"{first[0]}{last}",
                _ => $"{first}_{last[0]}",
            };
            while (!ids.Add(id))
            {
                id += random.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return [.. ids];
    }

    private static string[] Expand((string Name, int Weight)[] names) => [.. names.SelectMany(n => Enumerable.Repeat(n.Name, n.Weight))];
}
