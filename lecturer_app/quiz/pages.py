"""The learner's pages: small, self-contained Vietnamese HTML with plain forms and light JavaScript.

Vietnamese whatever the lecturer's UI language (and whatever the phone's
Accept-Language): the learners are Vietnamese, the page says ``lang="vi"``,
and like a document the app writes (i18n.Translator) its words are plain
Vietnamese literals, never through ``_()``; the score keeps its decimal comma.

Every page works without JavaScript (one form, all questions, one Nộp bài
button); the script only adds what flaky Wi-Fi needs: each answer is sent as
it is chosen, kept in the phone's storage until the laptop acknowledges it,
and resent; one question per screen; the timer.  It is written for old
Android browsers (var, XMLHttpRequest, no arrow functions).  Every text that
came from a person (names, stems, options, answers) goes through ``esc``.
No page is ever given a key before closing: ``quiz_page`` receives
``QuizQuestion`` values, which have none.
"""

from __future__ import annotations

from html import escape

from lecturer_app.exam.grading import LearnerScore
from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.vn_numbers import decimal_comma
from lecturer_app.quiz.paper import QuizQuestion
from lecturer_app.quiz.session import UNSET, Learner

STYLE = """
body{font-family:sans-serif;margin:0;padding:12px;font-size:18px;line-height:1.4;color:#111;background:#fff}
h1{font-size:21px;margin:4px 0 12px}label{display:block;margin:6px 0}
input[type=text],input[type=tel]{width:100%;box-sizing:border-box;font-size:18px;padding:8px}
fieldset{border:1px solid #999;border-radius:6px;margin:0 0 14px;padding:8px}
legend{font-weight:bold}.opt{padding:8px 4px;border-bottom:1px solid #eee}
button{font-size:19px;padding:10px 18px;margin:6px 4px 6px 0}
.err{color:#a00;font-weight:bold}.ok{color:#060}.bar{position:sticky;top:0;background:#eef;padding:6px;
margin:-12px -12px 10px}.hide{display:none}.muted{color:#555;font-size:15px}.right{color:#060;font-weight:bold}
"""


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def page(title: str, body: str, script: str = "") -> str:
    tail = f"<script>{script}</script>" if script else ""
    return ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>{body}{tail}</body></html>")


def message_page(title: str, text: str, kind: str = "ok") -> str:
    body = f"<h1>{esc(title)}</h1><p class=\"{esc(kind)}\">{esc(text)}</p>"
    return page(title, body)


JOIN_SCRIPT = """
try{var t=localStorage.getItem('quiz_%(id)s_token');if(t){document.getElementById('token').value=t;}}catch(e){}
"""


def join_page(title: str, quiz_id: str, error: str = "", values: dict[str, str] | None = None) -> str:
    values = values or {}
    problem = f"<p class=\"err\">{esc(error)}</p>" if error else ""
    fields = "".join(
        f"<label>{esc(label)}<input type=\"{kind}\" name=\"{name}\" maxlength=\"80\" "
        f"value=\"{esc(values.get(name, ''))}\""
        f"{' required' if needed else ''}></label>"
        for name, label, kind, needed in (("name", "Họ và tên", "text", True),
                                          ("sbd", "Số báo danh (nếu có)", "text", False),
                                          ("unit", "Đơn vị (nếu có)", "text", False),
                                          ("pin", "Mã PIN (trên màn chiếu)", "tel", True)))
    body = (f"<h1>{esc(title)}</h1>{problem}<form method=\"post\" action=\"/join\">{fields}"
            f"<input type=\"hidden\" name=\"token\" id=\"token\" value=\"\">"
            f"<button type=\"submit\">Vào làm bài</button></form>")
    return page(title, body, JOIN_SCRIPT % {"id": esc(quiz_id)})


def _choice(question: QuizQuestion, index: int, answer: str) -> str:
    multiple = question.type == "multiple_choice"
    kind = "checkbox" if multiple else "radio"
    rows = []
    for k, option in enumerate(question.options):
        letter = LETTERS[k]
        mark = " checked" if letter in answer else ""
        rows.append(f"<label class=\"opt\"><input type=\"{kind}\" name=\"a{index}\" value=\"{letter}\"{mark}> "
                    f"<b>{letter}.</b> {esc(option)}</label>")
    return "".join(rows)


def _true_false(question: QuizQuestion, index: int, answer: str) -> str:
    rows = []
    for k, statement in enumerate(question.options):
        given = answer[k] if k < len(answer) else UNSET
        marks = "".join(f"<label style=\"display:inline;margin-right:18px\"><input type=\"radio\" "
                        f"name=\"a{index}_{k}\" value=\"{v}\"{' checked' if given == v else ''}> {word}</label>"
                        for v, word in (("Đ", "Đúng"), ("S", "Sai")))
        rows.append(f"<div class=\"opt\"><b>{LETTERS[k].lower()})</b> {esc(statement)}<br>{marks}</div>")
    return "".join(rows)


def question_html(question: QuizQuestion, answer: str) -> str:
    index = question.number - 1
    if question.type == "true_false_4":
        inner = _true_false(question, index, answer)
    elif question.type == "short_answer":
        inner = (f"<label>Trả lời<input type=\"text\" name=\"a{index}\" maxlength=\"200\" "
                 f"value=\"{esc(answer)}\"></label>")
    else:
        inner = _choice(question, index, answer)
    return (f"<fieldset class=\"q\" id=\"q{index}\" data-i=\"{index}\" data-type=\"{esc(question.type)}\" "
            f"data-n=\"{len(question.options)}\"><legend>Câu {question.number}</legend>"
            f"<p>{esc(question.stem)}</p>{inner}</fieldset>")


QUIZ_SCRIPT = r"""
(function(){
var Q='quiz_%(id)s_',T=document.getElementById('t').value,one=%(one)s,left=%(left)s,form=document.getElementById('f');
function ls(k,v){try{if(v===undefined)return localStorage.getItem(Q+k);if(v===null)localStorage.removeItem(Q+k);
else localStorage.setItem(Q+k,v);}catch(e){}return null;}
ls('token',T);var pending={};try{pending=JSON.parse(ls('pending')||'{}')||{};}catch(e){pending={};}
function keep(){ls('pending',JSON.stringify(pending));}
var qs=form.getElementsByTagName('fieldset');
function box(i){return document.getElementById('q'+i);}
function value(f){var t=f.getAttribute('data-type'),ins=f.getElementsByTagName('input'),v='',k;
if(t=='true_false_4'){var s=[];for(k=0;k<+f.getAttribute('data-n');k++)s[k]='-';
for(k=0;k<ins.length;k++)if(ins[k].checked)s[+ins[k].name.split('_')[1]]=ins[k].value;
v=s.join('');return v.replace(/-/g,'')==''?'':v;}
if(t=='short_answer')return ins[0].value;
for(k=0;k<ins.length;k++)if(ins[k].checked)v+=ins[k].value;return v;}
function show(f,v){var t=f.getAttribute('data-type'),ins=f.getElementsByTagName('input'),k;
for(k=0;k<ins.length;k++){var x=ins[k];if(t=='short_answer')x.value=v;
else if(t=='true_false_4')x.checked=(v.charAt(+x.name.split('_')[1])==x.value);else x.checked=v.indexOf(x.value)>=0;}}
function note(text,bad){var n=document.getElementById('save');
n.innerHTML='';n.appendChild(document.createTextNode(text));
n.className=bad?'err':'ok';}
function send(i){var v=pending[i];if(v===undefined)return;var x=new XMLHttpRequest();x.open('POST','/answer',true);
x.setRequestHeader('Content-Type','application/x-www-form-urlencoded');
x.onreadystatechange=function(){if(x.readyState!=4)return;var r={};try{r=JSON.parse(x.responseText);}catch(e){}
if(x.status==200&&(r.status=='ok'||r.status=='invalid')){if(pending[i]===v){delete pending[i];keep();}
note('%(saved)s');}
else if(r.status=='closed'||r.status=='submitted'){location.href='/';}else note('%(retry)s',1);};
x.send('t='+encodeURIComponent(T)+'&i='+i+'&v='+encodeURIComponent(v));}
function changed(e){var el=e.target||e.srcElement;while(el&&el.tagName!='FIELDSET')el=el.parentNode;if(!el)return;
var i=el.getAttribute('data-i');pending[i]=value(el);keep();send(i);}
form.onchange=changed;form.onkeyup=function(e){var el=e.target||e.srcElement;if(el.type=='text'){clearTimeout(form.k);
form.k=setTimeout(function(){changed({target:el});},800);}};
for(var i in pending){if(box(i)){show(box(i),pending[i]);send(i);}}
setInterval(function(){for(var i in pending)send(i);},4000);
var cur=+(ls('cur')||0),nav=document.getElementById('nav');
function go(d){cur=Math.max(0,Math.min(qs.length-1,cur+d));ls('cur',''+cur);
for(var k=0;k<qs.length;k++)qs[k].className=(k==cur?'q':'q hide');
document.getElementById('pos').innerHTML=(cur+1)+'/'+qs.length;
document.getElementById('prev').style.visibility=cur>0?'visible':'hidden';
document.getElementById('next').style.display=cur<qs.length-1?'inline':'none';
document.getElementById('send').style.display=cur<qs.length-1?'none':'inline';}
if(one&&qs.length>1){nav.className='';document.getElementById('prev').onclick=function(){go(-1);};
document.getElementById('next').onclick=function(){go(1);};go(0);}
form.onsubmit=function(){return confirm('%(confirm)s');};
var end=new Date().getTime()+left*1000,tm=document.getElementById('timer');
var gone=0;function tick(){if(left<0)return;var s=Math.max(0,Math.round((end-new Date().getTime())/1000));
tm.innerHTML=Math.floor(s/60)+':'+(s%%60<10?'0':'')+(s%%60);
if(s<=0&&!gone){gone=1;setTimeout(function(){location.href='/';},1500);}}
tick();setInterval(tick,1000);
setInterval(function(){var x=new XMLHttpRequest();x.open('GET','/state?t='+encodeURIComponent(T),true);
x.onreadystatechange=function(){if(x.readyState==4&&x.status==200){try{var r=JSON.parse(x.responseText);
if(r.closed)location.href='/';else{end=new Date().getTime()+(r.remaining<0?0:r.remaining)*1000;}}catch(e){}}};
x.send(null);},15000);
})();
"""

# Forget what was waiting to be sent (it is in), then reload once the quiz is closed to show the score.
DONE_SCRIPT = ("try{localStorage.removeItem('quiz_%(id)s_pending');"
               "localStorage.removeItem('quiz_%(id)s_cur');}catch(e){}"
               "setInterval(function(){var x=new XMLHttpRequest();x.open('GET','/state',true);"
               "x.onreadystatechange=function(){if(x.readyState==4&&x.status==200&&x.responseText.indexOf("
               "'\"closed\": true')>=0)location.reload();};x.send(null);},10000);")


def _js_text(text: str) -> str:
    """A Vietnamese message inside a single-quoted script string (no quote or tag can close it)."""
    return text.replace("\\", "\\\\").replace("'", "\\'").replace("<", "\\x3c")


def quiz_page(title: str, quiz_id: str, learner: Learner, questions: list[QuizQuestion], *,
              one_per_screen: bool, remaining: float | None) -> str:
    blocks = "".join(question_html(q, learner.answers[q.number - 1]) for q in questions)
    timer = " · " + "Còn lại" + " <b id=\"timer\"></b>" if remaining is not None else ""
    nav = ("<div id=\"nav\" class=\"hide\"><button type=\"button\" id=\"prev\">‹ Câu trước</button>"
           "<span id=\"pos\"></span> <button type=\"button\" id=\"next\">Câu sau ›</button></div>")
    body = (f"<div class=\"bar\">{esc(learner.name)}{timer} <span id=\"save\" class=\"muted\"></span></div>"
            f"<h1>{esc(title)}</h1><form method=\"post\" action=\"/submit\" id=\"f\">"
            f"<input type=\"hidden\" name=\"t\" id=\"t\" value=\"{esc(learner.token)}\">{blocks}{nav}"
            f"<button type=\"submit\" id=\"send\">Nộp bài</button></form>")
    script = QUIZ_SCRIPT % {
        "id": esc(quiz_id), "one": "true" if one_per_screen else "false",
        "left": int(remaining) if remaining is not None else -1, "saved": _js_text("Đã lưu"),
        "retry": _js_text("Chưa gửi được, đang thử lại…"),
        "confirm": _js_text("Nộp bài? Sau khi nộp sẽ không sửa được nữa.")}
    return page(title, body, script)


def done_page(title: str, quiz_id: str, text: str, kind: str = "ok") -> str:
    """Submitted (or refused politely): the phone forgets its unsent answers, they are in."""
    body = f"<h1>{esc(title)}</h1><p class=\"{esc(kind)}\">{esc(text)}</p>"
    return page(title, body, DONE_SCRIPT % {"id": esc(quiz_id)})


def key_text(question: QuizQuestion, key: str) -> str:
    """"C. Tập trung dân chủ" for a choice question (the letter alone means little on a results page)."""
    if question.type not in ("single_choice", "multiple_choice"):
        return key
    return "; ".join(f"{letter}. {question.options[LETTERS.index(letter)]}" for letter in key
                     if letter in LETTERS and LETTERS.index(letter) < len(question.options))


def result_page(title: str, score: LearnerScore, questions: list[QuizQuestion], keys: list[str] | None) -> str:
    """After closing only: the learner's own score, and the right answers when the lecturer allows."""
    total = decimal_comma(score.total)
    head = (f"<h1>{esc(title)}</h1><p>{esc(score.response.name)}</p>"
            f"<p style=\"font-size:28px\">Điểm của bạn: {esc(total)}"
            f"</p><p>Số câu đúng: {sum(score.correct)}/{len(score.correct)}</p>")
    rows = ""
    if keys is not None:
        for question, key, given, ok in zip(questions, keys, score.response.answers, score.correct):
            mark = "✓" if ok else "✗"
            rows += (f"<fieldset><legend>Câu {question.number} {mark}</legend>"
                     f"<p>{esc(question.stem)}</p><p class=\"muted\">Bạn chọn: {esc(given or '—')}</p>"
                     f"<p class=\"right\">Đáp án: {esc(key_text(question, key))}</p></fieldset>")
    return page(title, head + rows, "")
