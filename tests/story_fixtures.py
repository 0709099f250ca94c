"""Made-up news for the story tests: two bridge collapses a day apart in two towns (one story
each, told by several outlets in their own words), a port story with a wire copy, and a match."""

from __future__ import annotations

RIVERTON = [
    (
        "Bridge collapses in Riverton, injuring 12",
        "2026-03-02T08:00:00Z",
        "Valley Courier",
        "RIVERTON — The Marsh Street bridge over the Calder River collapsed on Monday morning, sending "
        "two cars and a delivery van into the water and injuring 12 people, Mayor Helen Okafor said.\n\n"
        "Divers from the Riverton fire brigade pulled the drivers out within minutes. Okafor said the "
        "bridge, built in 1961, had been due for repairs this summer.\n\n"
        "Engineer Paul Drummond, who inspected the span last year, said cracks in its eastern pier had "
        "been reported to the council in 2024.",
    ),
    (
        "Riverton mayor orders inquiry after Marsh Street bridge falls",
        "2026-03-03T10:00:00Z",
        "Northern Times",
        "Helen Okafor, the mayor of Riverton, ordered an independent inquiry on Tuesday into the collapse "
        "of the Marsh Street bridge, which left 12 people hurt.\n\n"
        "The 1961 span gave way over the Calder River on Monday. Paul Drummond, an engineer who examined "
        "the bridge in 2025, told the council that its eastern pier had cracked.\n\n"
        "Okafor said traffic would be diverted through the Mill Lane crossing for months.",
    ),
    (
        "Cracks were reported before Riverton collapse, engineer says",
        "2026-03-04T07:30:00Z",
        "Riverton Post",
        "The engineer who inspected the Marsh Street bridge in Riverton warned of cracks in its eastern "
        "pier two years before it fell into the Calder River, documents show.\n\n"
        "Paul Drummond's report of 2024 asked for repairs within a year. Mayor Helen Okafor said on "
        "Wednesday that the report had reached her office only in January. Twelve people were injured "
        "when the bridge collapsed.",
    ),
]
PORT_ELLIS = [
    (
        "Footbridge gives way in Port Ellis",
        "2026-03-03T09:00:00Z",
        "Coastal Herald",
        "PORT ELLIS — A wooden footbridge across Vell Creek gave way on Tuesday under a group of school "
        "children, injuring four of them, Governor Tomas Brandt said.\n\n"
        "Brandt said the Harbour Walk footbridge had been closed for repairs in 2023 and reopened in "
        "the spring. Inspector Ana Ruiz of the state roads agency is investigating.",
    ),
    (
        "Four children hurt as Vell Creek footbridge collapses",
        "2026-03-04T11:00:00Z",
        "State Gazette",
        "Four children were hurt in Port Ellis when the Harbour Walk footbridge over Vell Creek collapsed, "
        "Governor Tomas Brandt said on Wednesday.\n\n"
        "Ana Ruiz, an inspector with the roads agency, said rotten beams had been replaced in 2023 but "
        "the supports had not been checked. Brandt promised checks of every footbridge in the state.",
    ),
]
MATCH = (
    "Rovers beat United in cup semi-final",
    "2026-03-03T21:00:00Z",
    "Sports Daily",
    "Rovers reached the cup final on Tuesday night with a 3-1 win over United at Kelton Park. Striker "
    "Jonas Lund scored twice before half-time and goalkeeper Ivo Mares saved a penalty late on.\n\n"
    "Coach Dana Whitfield said her side would rest three players before the final in May.",
)
