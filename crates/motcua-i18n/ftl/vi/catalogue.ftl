### Catalogue entries without details, and why no agency settles a procedure.

no-agency-province-not-set-up = Tỉnh, thành phố này chưa đưa motcua vào sử dụng nên chưa có cơ quan nào nhận hồ sơ ở đây. Xin chọn tỉnh khác hoặc nộp tại bộ phận một cửa của tỉnh.
no-agency-settles-it = Không cơ quan nào của tỉnh, thành phố này giải quyết thủ tục này trên motcua. Xin chọn tỉnh khác hoặc hỏi bộ phận một cửa.
no-details = Danh mục thủ tục hành chính quốc gia chỉ cho biết tên, mã, lĩnh vực và cơ quan thực hiện thủ tục này. Danh mục chưa cho biết thành phần hồ sơ, thời hạn giải quyết, phí, lệ phí và căn cứ pháp lý, và không ghi thủ tục này được nộp trực tuyến, nên thủ tục này chỉ nộp được tại bộ phận một cửa.
no-details-at-counter = Tại quầy, cán bộ ghi các giấy tờ bạn nộp, cho biết thời hạn giải quyết mà tỉnh đã công bố cho thủ tục này, và ghi ngày hẹn trả kết quả (tính theo ngày làm việc từ lúc tiếp nhận) trên giấy tiếp nhận hồ sơ.
desk-catalogue-entry = Danh mục quốc gia không có thành phần hồ sơ, thời hạn và phí của thủ tục này. Xin ghi tên từng giấy tờ người dân nộp và thời hạn giải quyết tỉnh đã công bố; hạn trả kết quả được tính từ thời hạn này.
desk-time-limit = Thời hạn giải quyết (ngày làm việc)
desk-document = Giấy tờ
desk-document-name = Tên giấy tờ
step-place = Nơi thực hiện
