//! The style sheet every HTML file carries inline: on a screen a readable column that fits a
//! phone; in print the house style of the PDF and the DOCX (Times New Roman, or Liberation Serif
//! with its metrics, 12 pt, justified, numbers hanging 12.5 mm, A4 with margins of 25 mm at the
//! top and bottom and 22 mm at the sides, the cover on a page of its own). Numbers are the
//! motion's own text, so every list has `list-style: none`.

/// The style sheet.
pub const CSS: &str = r#"
:root{color:#000;background:#fff}
body{font-family:"Times New Roman","Liberation Serif",serif;font-size:1.0625rem;line-height:1.45;max-width:42rem;margin:0 auto;padding:1rem;overflow-wrap:break-word;hyphens:auto}
header.cover{margin-bottom:2rem;padding-bottom:1rem;border-bottom:1px solid #000}
header.cover p{margin:.2rem 0}
.cover-masthead{font-size:1.15em;font-weight:bold}
.cover-sitting{font-weight:bold;margin-bottom:1rem!important}
.cover-number{font-size:1.15em}
.cover-kind{font-size:1.3em;font-weight:bold;margin-top:1.5rem!important}
.cover-title,.cover-authors{margin-top:1rem!important}
h1{font-size:1em;font-weight:bold;margin:1rem 0}
h1.cover-title{font-weight:normal}
h2{font-size:1em;font-weight:bold;margin:1.5rem 0 .5rem}
p{margin:.4rem 0}
ol{list-style:none;margin:0;padding:0}
li{position:relative;padding-left:2.5rem;margin:.4rem 0}
li>.num{position:absolute;left:0;top:0}
li>p:first-of-type{margin-top:0}
.formula{margin:1rem 0}
sup{line-height:0}
a[role=doc-noteref]{text-decoration:none}
section.notes{margin-top:2rem;padding-top:.5rem;border-top:1px solid #000;font-size:.9em}
section.notes p{margin:.2rem 0}
footer.furniture{margin-top:2rem;text-align:center;font-size:.9em}
footer.furniture p{margin:0}
@media print{
@page{size:A4;margin:25mm 22mm}
body{font-size:12pt;line-height:1.15;max-width:none;margin:0;padding:0;text-align:justify}
header.cover{break-after:page;border:0}
li{padding-left:12.5mm}
h2{break-after:avoid}
.notes p{text-align:left}
a{color:inherit}
}
"#;
