/**
 * Locations of the penitentiary institutions (penitentiaire inrichtingen, PI) and the two justice complexes of DJI
 * (Dienst Justitiële Inrichtingen), each with the CBS code of the municipality the building stands in (a key of
 * MUNICIPALITIES in ./municipalities, reference date 1 January 2026). Sorted by code.
 *
 * Sources (stored copies of public web pages; a date is the publication date of the page, where it has one):
 * - Overview: https://nl.wikipedia.org/wiki/Dienst_Justiti%C3%ABle_Inrichtingen ("Overzicht locaties DJI") and
 *   https://dji.nl/locaties/themas/penitentiaire-inrichtingen.
 * - Per location, the DJI location page (address) or, where no DJI page was available, a dated news report showing
 *   the institution in use; given in the comment above each entry.
 * - Village-to-municipality mapping: plaatsengids.nl (Veenhuizen -> Noordenveld, Ter Apel -> Westerwolde,
 *   Nieuwersluis -> Stichtse Vecht, Badhoevedorp -> Haarlemmermeer); omroepbrabant.nl 2022-01-01 (Grave in Land van
 *   Cuijk since 1 January 2022); lokaleregelgeving.overheid.nl CVDR703699 (Heerhugowaard is part of Dijk en Waard).
 *
 * Status caveat: PI-AMSTERDAM (Het Schouw) is kept because the project requires it, but the only source found names
 * Het Schouw as a location of PI Amsterdam Overamstel (inspection report, November 2010), and that complex (the
 * Bijlmerbajes) closed in 2016 when its detainees moved to Justitieel Complex Zaanstad (nos.nl 2018-10; arcam.nl).
 * No source showing Het Schouw in use after 2016 was found.
 *
 * Left out because their current status could not be confirmed: PI Roermond, PI Heerlen, PI Ter Peel (Evertsoord),
 * PI Hoogeveen, PI Haaglanden locatie Zoetermeer (out of use from 2017 per nrc.nl 2017-05-29), PI Almere (closed;
 * reopening under study per Kamerbrief 2024-12-17). Closed: PI Achterhoek locatie De Kruisberg, Doetinchem (2014),
 * Bijlmerbajes / PI Amsterdam Over-Amstel (2016), Koepel Haarlem (2016). Not PIs: Detentiecentrum Rotterdam
 * (immigration detention) and Justitieel Complex Zeist.
 */
export interface PrisonLocation {
  code: string;
  name: string;
  /** CBS code (GM + 4 digits) of the municipality the building stands in. */
  municipality: string;
}

export const PRISONS: readonly PrisonLocation[] = [
  // dji.nl/locaties/penitentiaire-inrichtingen/pi-almelo; halloalmelo.nl (in use, 2022-2023). Almelo.
  { code: 'PI-ALMELO', name: 'PI Almelo', municipality: 'GM0141' },
  // dji.nl/locaties/a/pi-alphen-aan-den-rijn: Maatschapslaan 1 and Eikenlaan, Alphen a/d Rijn; omroepwest.nl 2021-04.
  { code: 'PI-ALPHEN-AAN-DEN-RIJN', name: 'PI Alphen aan den Rijn', municipality: 'GM0484' },
  // Required entry; current status unverified (see header). Het Schouw was a location in Amsterdam.
  { code: 'PI-AMSTERDAM', name: 'PI Amsterdam (Het Schouw)', municipality: 'GM0363' },
  // dji.nl/locaties/penitentiaire-inrichtingen/pi-arnhem: Ir. Molsweg 5, 6834 AA Arnhem.
  { code: 'PI-ARNHEM', name: 'PI Arnhem', municipality: 'GM0202' },
  // dji.nl/locaties/penitentiaire-inrichtingen/pi-dordrecht: Kerkeplaat 25, 3313 LC Dordrecht.
  { code: 'PI-DORDRECHT', name: 'PI Dordrecht', municipality: 'GM0505' },
  // dji.nl/locaties/penitentiaire-inrichtingen/pi-grave: Muntlaan 1, 5361 ME Grave; omroepbrabant.nl 2022-10 (in use).
  { code: 'PI-GRAVE', name: 'PI Grave', municipality: 'GM1982' },
  // nieuws.nl 2024-04-02: PI Heerhugowaard, Copernicusstraat (Zuyder Bos and Amerswiel), 340 places.
  { code: 'PI-HEERHUGOWAARD', name: 'PI Heerhugowaard', municipality: 'GM1980' },
  // rijnmond.nl 2020-01 and nieuws.nl 2023-03-15: PI Krimpen, Van der Hoopstraat, Krimpen aan den IJssel.
  { code: 'PI-KRIMPEN-AAN-DEN-IJSSEL', name: 'PI Krimpen aan den IJssel', municipality: 'GM0542' },
  // Wikipedia DJI overview (Cluster Noord); simonvanderaa.nl visit 2019-12; nu.nl 2021 (high-risk units).
  { code: 'PI-LEEUWARDEN', name: 'PI Leeuwarden', municipality: 'GM0080' },
  // dji.nl/locaties/l/pi-lelystad: Larserdreef 300, 8233 HB Lelystad.
  { code: 'PI-LELYSTAD', name: 'PI Lelystad', municipality: 'GM0995' },
  // nos.nl 2020-07 (PI Middelburg, Torentijd); nu.nl 2022-01 (180 detainees in Torentijd, Middelburg).
  { code: 'PI-MIDDELBURG', name: 'PI Middelburg (Torentijd)', municipality: 'GM0687' },
  // dji.nl/locaties/n/pi-nieuwegein (visitor page). Nieuwegein.
  { code: 'PI-NIEUWEGEIN', name: 'PI Nieuwegein', municipality: 'GM0356' },
  // dji.nl/locaties/u/pi-utrecht-locatie-nieuwersluis: Zandpad 3, 3631 NK Nieuwersluis (Stichtse Vecht).
  { code: 'PI-NIEUWERSLUIS', name: 'PI Utrecht, locatie Nieuwersluis', municipality: 'GM1904' },
  // socialekaartnederland.nl (locations De Schie, Hoogvliet); volkskrant.nl 2022-01 (De Schie, Professor Jonkersweg).
  { code: 'PI-ROTTERDAM', name: 'PI Rotterdam (De Schie, Hoogvliet)', municipality: 'GM0599' },
  // dji.nl/locaties/h/pi-haaglanden: Pompstationsweg 32, 2597 JW Den Haag (locatie Scheveningen).
  { code: 'PI-SCHEVENINGEN', name: 'PI Haaglanden, locatie Scheveningen', municipality: 'GM0518' },
  // dji.nl/locaties/s/justitieel-complex-schiphol: Duizendbladweg 100, 1171 VA Badhoevedorp (Haarlemmermeer).
  { code: 'PI-SCHIPHOL', name: 'Justitieel Complex Schiphol', municipality: 'GM0394' },
  // crimesite.nl 2023-08 (PI Sittard, De Geerhorst, Sittard).
  { code: 'PI-SITTARD', name: 'PI Sittard (De Geerhorst)', municipality: 'GM1883' },
  // dji.nl/locaties/t/pi-ter-apel: Ter Apelervenen 10, 9561 MC Ter Apel (Westerwolde); westerwoldeactueel.nl 2022-02.
  { code: 'PI-TER-APEL', name: 'PI Ter Apel', municipality: 'GM1950' },
  // dji.nl PI Veenhuizen (locatie Esserheem); dekrantnieuws.nl 2023-09 (Esserheem, Klein Bankenbosch, Norgerhaven).
  { code: 'PI-VEENHUIZEN', name: 'PI Veenhuizen', municipality: 'GM1699' },
  // dji.nl/locaties/penitentiaire-inrichtingen/pi-vught: Lunettenlaan 501, 5263 NT Vught.
  { code: 'PI-VUGHT', name: 'PI Vught', municipality: 'GM0865' },
  // rijksvastgoedbedrijf.nl: Justitieel Complex Zaanstad, Smeet 1, 1551 NG Westzaan (Zaanstad), opened 2016.
  { code: 'PI-ZAANSTAD', name: 'Justitieel Complex Zaanstad', municipality: 'GM0479' },
  // omroepgelderland.nl 2020-02: PI Achterhoek, remaining location Zutphen (Doetinchem closed 2014).
  { code: 'PI-ZUTPHEN', name: 'PI Achterhoek, locatie Zutphen', municipality: 'GM0301' },
  // deswollenaer.nl and 1zwolle.nl: PI Zwolle, Huub van Doornestraat, Zwolle; tvvisie.be 2023-12 (in use).
  { code: 'PI-ZWOLLE', name: 'PI Zwolle', municipality: 'GM0193' },
];
