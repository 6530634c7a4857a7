### What went wrong, as problem documents and error pages say it, and the
### mistakes shown beside a form's fields.

problem-not-found-title = Không tìm thấy
problem-no-such-document = Không tìm thấy tài liệu này.
problem-no-such-page = Không có trang này.
# $thing: what was looked for (a name from fields.ftl); $key: its code.
problem-not-found-detail = Không tìm thấy { $thing } { $key }.
problem-invalid-value-title = Dữ liệu chưa hợp lệ
# $field: the field's name (fields.ftl); $reason: why (reasons.ftl).
problem-invalid-value-detail = Giá trị “{ $field }” chưa đúng: { $reason }.
# $line: the line of the imported file; $field and $reason as above.
problem-invalid-line-detail = Dòng { $line }: giá trị “{ $field }” chưa đúng: { $reason }.
problem-year-out-of-range-title = Năm không được hỗ trợ
problem-year-out-of-range-detail = Năm { $year } nằm ngoài khoảng { $first }–{ $last } mà lịch hỗ trợ.
problem-transition-not-allowed-title = Thao tác không hợp lệ
# $action: an action-* name; $status: a status-* name (dossier.ftl).
problem-transition-not-allowed-detail = Không thể { $action } khi hồ sơ đang ở trạng thái “{ $status }”. Hồ sơ không thay đổi.
problem-unauthenticated-title = Cần đăng nhập
problem-unauthenticated-detail = Xin đăng nhập để tiếp tục; phiên làm việc có thể đã hết hạn.
problem-too-many-attempts-title = Xin chờ một chút
# $wait: problem-wait-seconds or problem-wait-minutes.
problem-too-many-attempts-detail = Đã nhập sai quá nhiều lần từ nơi này. Để bảo vệ tài khoản, xin chờ { $wait } rồi thử lại, hoặc dùng chức năng quên mật khẩu.
problem-wait-seconds =
    { $count ->
       *[other] { $count } giây
    }
problem-wait-minutes =
    { $count ->
       *[other] { $count } phút
    }
problem-wrong-credentials-title = Đăng nhập không thành công
problem-wrong-credentials-detail = Số định danh (hoặc tên đăng nhập) hoặc mật khẩu chưa đúng.
problem-forbidden-title = Không có quyền
# $role: the officer's role key; $action: an action-* name.
problem-forbidden-detail = Vai trò của bạn ({ $role }) không được { $action } hồ sơ này.
problem-conflict-title = Hồ sơ vừa thay đổi
problem-conflict-detail = Hồ sơ vừa được người khác cập nhật. Xin tải lại và thử lại; chưa có gì thay đổi.
problem-stale-form-title = Biểu mẫu đã cũ
problem-stale-form-detail = Biểu mẫu này không còn dùng được (có thể bạn vừa đăng nhập lại). Xin quay lại, tải lại trang và gửi lần nữa; chưa có gì thay đổi.
problem-already-registered-title = Đã đăng ký
problem-already-registered-detail = Số định danh này đã được xác thực cho một tài khoản. Xin đăng nhập, dùng chức năng quên mật khẩu, hoặc mang thẻ căn cước đến quầy tiếp nhận.
problem-idempotency-key-reused-title = Khóa chống trùng đã dùng
problem-idempotency-key-reused-detail = Idempotency-Key này đã dùng cho một yêu cầu khác; mỗi hồ sơ mới cần một khóa mới.
problem-file-refused-title = Tệp không được nhận
problem-bad-request-title = Yêu cầu chưa đúng
# $detail: the JSON parser's own words, in English.
problem-bad-body-detail = Nội dung gửi lên chưa đúng định dạng JSON mong đợi: { $detail }
problem-bad-request-detail = Địa chỉ hoặc tham số của yêu cầu chưa đúng định dạng.
problem-upload-not-raw-title = Cần gửi chính tệp
# $example: a curl command line.
problem-upload-not-raw-detail = Địa chỉ này nhận chính nội dung tệp làm thân yêu cầu, không nhận biểu mẫu multipart: gửi các byte của tệp với Content-Type là loại của tệp (hoặc application/octet-stream) và đặt tên tệp ở tham số ?name=, ví dụ { $example }.
problem-method-not-allowed-title = Phương thức không được phép
problem-method-not-allowed-detail = Địa chỉ này không nhận phương thức đó.
problem-unavailable-title = Tạm thời gián đoạn
problem-unavailable-detail = Hệ thống đang tạm thời gián đoạn, xin thử lại sau ít phút.
problem-internal-title = Lỗi hệ thống
problem-internal-detail = Đã có lỗi ở phía hệ thống. Dữ liệu của bạn không bị thay đổi; xin thử lại sau.
problem-back-home = Về trang chủ

## Why an upload was refused.

file-refused-empty = Tệp trống.
file-refused-too-large = Tệp lớn hơn 20 MB. Xin chụp/quét với độ phân giải thấp hơn hoặc chia nhỏ tệp.
# $quota: the quota, e.g. 200 MB.
file-refused-quota = Kho giấy tờ của bạn sẽ vượt quá { $quota }. Xin dùng lại giấy tờ đã có hoặc gửi tệp nhỏ hơn.
file-refused-legacy-office = Tệp Word/Excel định dạng cũ (.doc, .xls) có thể chứa macro. Xin lưu lại dạng DOCX, XLSX hoặc PDF.
file-refused-damaged = Tệp bị hỏng, bị cắt cụt hoặc không đọc được. Xin xuất hoặc quét lại tệp.
file-refused-hidden-content = Tệp có một tệp khác giấu bên trong hoặc nối phía sau.
file-refused-active-content = Tệp chứa mã chạy được (JavaScript, macro, hành động tự chạy hoặc tệp đính kèm). Xin in ra PDF rồi gửi lại.
file-refused-encrypted = Tệp có mật khẩu hoặc bị mã hóa. Xin gỡ mật khẩu rồi gửi lại.
file-refused-too-many-pages = Tệp PDF có quá 1000 trang. Xin chia nhỏ tệp.
file-refused-unpacks = Tệp giải nén ra dữ liệu lớn bất thường so với kích thước của nó.
file-refused-too-many-pixels = Ảnh có quá 50 triệu điểm ảnh. Xin chụp/quét với độ phân giải thấp hơn.
file-refused-not-accepted = Chỉ nhận tệp PDF, ảnh JPG hoặc PNG, văn bản Word (DOCX), Excel (XLSX) hoặc ODT không có macro.

## Mistakes shown beside a form's field.

field-error-already-registered = Số định danh này đã được xác thực cho một tài khoản. Xin đăng nhập, hoặc mang thẻ căn cước đến quầy.
field-error-no-account-with-phone = Không có tài khoản nào đăng ký số định danh này với số điện thoại này.
field-error-wrong-credentials = Số định danh hoặc mật khẩu chưa đúng.
